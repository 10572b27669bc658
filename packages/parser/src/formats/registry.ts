import { deepspeedFormat } from './deepspeed';
import { fairseqFormat, fairseqJsonFormat } from './fairseq';
import { generalFormat } from './general';
import { axolotlFormat, hfTrainerFormat } from './hfTrainer';
import { jsonLinesFormat } from './jsonLines';
import { kerasFormat } from './keras';
import { lightningFormat } from './lightning';
import { litgptFormat } from './litgpt';
import { llamaFactoryFormat } from './llamaFactory';
import { megatronFormat } from './megatron';
import { mlxLmFormat } from './mlxLm';
import { nanogptFormat } from './nanogpt';
import { nemoFormat } from './nemo';
import { notebookTableFormat } from './notebookTable';
import { summaryBlockFormat } from './summaryBlock';
import { tableFormat } from './table';
import { torchtuneFormat } from './torchtune';
import { trainerStateFormat } from './trainerState';
import { trialResultFormat } from './trialResult';
import { verlFormat } from './verl';
import { yoloFormat } from './yolo';

/**
 * Every format the parser reads, one descriptor per file. A line is offered to the line formats
 * in this order (the first whose `claims` accepts it reads it; the general grammar comes last),
 * an object to the object formats, a progress bar's postfix to the bar formats. Adding a format is
 * one file exporting its descriptor and one line here: the `LogFormat` type, the CLI's `--format`
 * list and the docs' table of formats are made from this list.
 */
export const FORMATS = [
  // Objects: Python dicts and JSON objects.
  axolotlFormat,
  hfTrainerFormat,
  llamaFactoryFormat,
  fairseqJsonFormat,
  trainerStateFormat,
  jsonLinesFormat,
  // Progress bars with metrics.
  lightningFormat,
  // Text lines, most specific first.
  notebookTableFormat,
  summaryBlockFormat,
  trialResultFormat,
  nemoFormat,
  megatronFormat,
  yoloFormat,
  verlFormat,
  torchtuneFormat,
  kerasFormat,
  nanogptFormat,
  litgptFormat,
  mlxLmFormat,
  deepspeedFormat,
  fairseqFormat,
  tableFormat,
  generalFormat,
] as const;

/** The id of a format of the registry. */
export type FormatId = (typeof FORMATS)[number]['id'];

/** The ids of the registry, each once, in registry order. */
export const FORMAT_IDS: readonly FormatId[] = [...new Set(FORMATS.map((format) => format.id))];

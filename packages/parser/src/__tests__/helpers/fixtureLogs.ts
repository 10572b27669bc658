import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The dev sets of real logs the parser was not written for, in the order they were gathered
 * (unseen5: LLM-era trainers; unseen6: classic and non-LLM trainers; unseen7: computer vision;
 * unseen8: hand-written loops and ecosystems outside PyTorch; unseen9: older and non-PyTorch
 * frameworks' own output; unseen10: reinforcement learning, speech, graphs, tabular and non-Python
 * trainers; unseen11: what people paste when they ask for help; unseen12: voice, TTS and image
 * LoRA trainers, Ludwig; unseen13: training loops printing in other languages; unseen14: scientific
 * ML and 3D: PINNs, neural rendering, molecules, single cell; unseen15: hyperparameter searches,
 * embeddings and less common frameworks; unseen16: training loops outside Python, in R, Julia, C, C++,
 * Java/Scala, JavaScript and C#; unseen17: speech, audio and TTS trainers; unseen18: vision and multimodal research repos; unseen19: LLM post-training stacks, verl forks, slime, DeepSpeed
 * engine lines). Each has
 * `SOURCES.md` and `expectations.json`.
 */
export const UNSEEN_SETS = [
  'unseen',
  'unseen2',
  'unseen3',
  'unseen4',
  'unseen5',
  'unseen6',
  'unseen7',
  'unseen8',
  'unseen9',
  'unseen10',
  'unseen11',
  'unseen12',
  'unseen13',
  'unseen14',
  'unseen15',
  'unseen16',
  'unseen17',
  'unseen18',
  'unseen19',
] as const;

/** The folder of a fixture set (`corpus` or one of {@link UNSEEN_SETS}), with a trailing slash. */
export function fixtureDir(set: string): string {
  return fileURLToPath(new URL(`../fixtures/${set}/`, import.meta.url));
}

/** Every `.log` of the corpus copy and of the dev sets, as `set/file` and its text. */
export function allFixtureLogs(): Array<{ set: string; file: string; text: string }> {
  return ['corpus', ...UNSEEN_SETS].flatMap((set) => {
    const dir = fixtureDir(set);
    return readdirSync(dir)
      .filter((file) => file.endsWith('.log'))
      .sort()
      .map((file) => ({ set, file, text: readFileSync(`${dir}${file}`, 'utf8') }));
  });
}

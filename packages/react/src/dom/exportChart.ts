/**
 * File formats the chart toolbar exports.
 *
 * @example
 * ```ts
 * const format: ExportFormat = 'png';
 * ```
 */
export type ExportFormat = 'csv' | 'svg' | 'png';

const PAINT_PROPERTIES = [
  'fill',
  'stroke',
  'stroke-opacity',
  'fill-opacity',
  'opacity',
  'font-size',
  'font-weight',
];

/**
 * Serialises a chart's `<svg>` as a standalone SVG document. Colours that come from CSS (theme
 * variables, the package's stylesheet) are copied onto the elements, since the file has no stylesheet.
 *
 * @param svg - the rendered chart surface
 * @param background - colour painted behind the chart. @defaultValue 'white'
 * @returns the SVG text
 *
 * @example
 * ```ts
 * const text = svgToString(container.querySelector('svg')!);
 * ```
 */
export function svgToString(svg: SVGSVGElement, background = 'white'): string {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const sources = svg.querySelectorAll('*');
  const targets = clone.querySelectorAll('*');
  if (typeof getComputedStyle === 'function') {
    sources.forEach((source, i) => {
      const target = targets[i];
      if (!target) return;
      const style = getComputedStyle(source);
      for (const name of PAINT_PROPERTIES) {
        const value = style.getPropertyValue(name);
        if (value) target.setAttribute(name, value);
      }
    });
  }
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.setAttribute('style', `background:${background}`);
  return new XMLSerializer().serializeToString(clone);
}

/**
 * Offers a file to the user as a download.
 *
 * @param filename - suggested file name
 * @param blob - the contents
 *
 * @example
 * ```ts
 * downloadBlob('loss.csv', new Blob([csv], { type: 'text/csv' }));
 * ```
 */
function downloadBlob(filename: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.rel = 'noopener';
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Revoking at once can cancel the download in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * Rasterises an SVG document to a PNG at the device pixel ratio.
 *
 * @param svgText - output of {@link svgToString}
 * @param width - CSS width of the image
 * @param height - CSS height of the image
 * @returns the PNG
 *
 * @example
 * ```ts
 * const png = await svgToPng(svgToString(svg), 800, 320);
 * ```
 */
function svgToPng(svgText: string, width: number, height: number): Promise<Blob> {
  return new Promise((resolve, reject) => {
    const ratio = typeof devicePixelRatio === 'number' ? devicePixelRatio : 1;
    const image = new Image();
    const url = URL.createObjectURL(new Blob([svgText], { type: 'image/svg+xml' }));
    image.onload = () => {
      const canvas = document.createElement('canvas');
      canvas.width = Math.round(width * ratio);
      canvas.height = Math.round(height * ratio);
      const context = canvas.getContext('2d');
      if (!context) {
        URL.revokeObjectURL(url);
        reject(new Error('PNG export: no 2D canvas context'));
        return;
      }
      context.scale(ratio, ratio);
      context.drawImage(image, 0, 0, width, height);
      URL.revokeObjectURL(url);
      canvas.toBlob((blob) =>
        blob ? resolve(blob) : reject(new Error('PNG export: the canvas produced no image')),
      );
    };
    image.onerror = () => {
      URL.revokeObjectURL(url);
      reject(new Error('PNG export: the chart SVG could not be loaded as an image'));
    };
    image.src = url;
  });
}

/**
 * What {@link exportChart} writes.
 *
 * @example
 * ```ts
 * const request: ExportChartRequest = { format: 'csv', filename: 'loss', csv: 'metric,run,step,value\n' };
 * ```
 */
export interface ExportChartRequest {
  format: ExportFormat;
  /** File name without extension. */
  filename: string;
  /** The chart surface, for `svg` and `png`. @defaultValue undefined */
  svg?: SVGSVGElement | null;
  /** CSV text, for `csv`. @defaultValue undefined */
  csv?: string;
  /**
   * A finished SVG document to write instead of `svg` (a composed figure), with its size.
   * @defaultValue undefined
   */
  svgText?: { text: string; width: number; height: number };
  /** Colour painted behind the image. @defaultValue 'white' */
  background?: string;
}

/**
 * Downloads the visible series as CSV, or the chart as SVG or PNG.
 *
 * @param request - format, file name and contents
 * @returns resolves once the download was offered
 *
 * @example
 * ```ts
 * await exportChart({ format: 'png', filename: 'loss', svg: root.querySelector('svg') });
 * ```
 */
export async function exportChart(request: ExportChartRequest): Promise<void> {
  const name = `${request.filename}.${request.format}`;
  if (request.format === 'csv') {
    downloadBlob(name, new Blob([request.csv ?? ''], { type: 'text/csv;charset=utf-8' }));
    return;
  }
  if (request.svgText) {
    const { text, width, height } = request.svgText;
    if (request.format === 'svg') {
      downloadBlob(name, new Blob([text], { type: 'image/svg+xml' }));
      return;
    }
    downloadBlob(name, await svgToPng(text, width, height));
    return;
  }
  const svg = request.svg;
  if (!svg) throw new Error('Chart export: no chart is drawn yet');
  const text = svgToString(svg, request.background);
  if (request.format === 'svg') {
    downloadBlob(name, new Blob([text], { type: 'image/svg+xml' }));
    return;
  }
  const box = svg.getBoundingClientRect();
  const width = box.width || Number(svg.getAttribute('width')) || 800;
  const height = box.height || Number(svg.getAttribute('height')) || 320;
  downloadBlob(name, await svgToPng(text, width, height));
}

/** The part of opentype.js 2 that the test corpus uses (the package ships no types). */
declare module 'opentype.js' {
  namespace opentype {
    type PathCommand =
      | { type: 'M' | 'L'; x: number; y: number }
      | { type: 'Q'; x1: number; y1: number; x: number; y: number }
      | { type: 'C'; x1: number; y1: number; x2: number; y2: number; x: number; y: number }
      | { type: 'Z' };
    interface Path {
      commands: PathCommand[];
    }
    interface Font {
      unitsPerEm: number;
      tables: { os2?: { sCapHeight?: number } };
      getPath(text: string, x: number, y: number, fontSize: number): Path;
      getAdvanceWidth(text: string, fontSize: number): number;
    }
  }
  const opentype: { parse(buffer: ArrayBuffer): opentype.Font };
  export default opentype;
}

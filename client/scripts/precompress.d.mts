export declare const COMPRESSIBLE: RegExp;
export declare function precompress(dist: string): {
  files: number;
  bytes: number;
  brotliBytes: number;
  gzipBytes: number;
};
export declare function describe(totals: ReturnType<typeof precompress>): string;

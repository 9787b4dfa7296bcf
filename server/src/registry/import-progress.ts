import { SingleBar } from "cli-progress";
import type { FileProgress } from "./registry-files";

/**
 * Shows import progress: a bar per file on a terminal, plain lines (every 10 % and at the end)
 * when the output is a log or a pipe.
 */
export function importProgress(stream: NodeJS.WriteStream = process.stderr) {
  const interactive = Boolean(stream.isTTY);
  let bar: SingleBar | undefined;
  let lastDecile = -1;
  return (file: string, progress: FileProgress) => {
    const percent = progress.totalBytes
      ? Math.floor((100 * progress.bytesRead) / progress.totalBytes)
      : 100;
    if (interactive) {
      if (!bar) {
        bar = new SingleBar({
          stream,
          format: `${file.padEnd(13)} [{bar}] {percentage}% | {rows} rows | {duration_formatted}`,
          hideCursor: true,
        });
        bar.start(100, 0, { rows: 0 });
      }
      bar.update(progress.done ? 100 : percent, { rows: progress.rows });
      if (progress.done) {
        bar.stop();
        bar = undefined;
      }
      return;
    }
    const decile = Math.floor(percent / 10);
    if (progress.done) {
      stream.write(`${file}: ${progress.rows} rows written\n`);
      lastDecile = -1;
    } else if (decile > lastDecile && progress.rows > 0) {
      stream.write(`${file}: ${percent}% (${progress.rows} rows)\n`);
      lastDecile = decile;
    }
  };
}

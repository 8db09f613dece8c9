/**
 * Progress over the bytes of input, with the record count as payload. Silent for small
 * inputs (a few seeds finish before a bar would be readable); it appears from the start
 * for inputs over 1 MB, or as soon as more than 200 records have been counted.
 */
import { MultiBar, Presets, type SingleBar } from "cli-progress";

const SHOW_ABOVE_BYTES = 1_000_000;
const SHOW_ABOVE_RECORDS = 200;

export class IngestProgress {
  private multibar: MultiBar | null = null;
  private bar: SingleBar | null = null;
  private doneBytes = 0;
  private records = 0;
  private label = "";

  constructor(
    private readonly totalBytes: number,
    private readonly enabled = process.stderr.isTTY === true,
  ) {
    if (totalBytes > SHOW_ABOVE_BYTES) this.start();
  }

  /** Marks `bytes` of input as done and adds `records` to the count. */
  advance(bytes: number, records: number, label = this.label): void {
    this.doneBytes = Math.min(this.totalBytes, this.doneBytes + bytes);
    this.records += records;
    this.label = label;
    if (!this.bar && this.records > SHOW_ABOVE_RECORDS && this.doneBytes < this.totalBytes) this.start();
    this.bar?.update(Math.round(this.doneBytes), this.payload());
  }

  /** Prints a line above the bar (or plainly when there is no bar). */
  log(line: string): void {
    if (this.multibar) this.multibar.log(`${line}\n`);
    else console.error(line);
  }

  stop(): void {
    this.multibar?.stop();
    this.multibar = null;
    this.bar = null;
  }

  private start(): void {
    if (!this.enabled || this.multibar) return;
    this.multibar = new MultiBar(
      {
        format: " {bar} {percentage}% | {mb}/{totalMb} MB | {records} records | ETA {eta_formatted} | {file}",
        hideCursor: true,
        clearOnComplete: true,
      },
      Presets.shades_classic,
    );
    this.bar = this.multibar.create(this.totalBytes, Math.round(this.doneBytes), this.payload());
  }

  private payload() {
    return {
      mb: (this.doneBytes / 1e6).toFixed(1),
      totalMb: (this.totalBytes / 1e6).toFixed(1),
      records: this.records.toLocaleString("en-US"),
      file: this.label,
    };
  }
}

import type { DataSource } from "typeorm";
import { dialectOf } from "../db/dialect";
import { encodeFeedPosition, streamOf } from "./feed-cursor.rules";
import { EXPORT_DEFAULT_PAGE, type ExportPage, exportReadings } from "./readings-export";

/** The feed's pages for integrators: `first` from 1 to FEED_MAX_PAGE. */
export const FEED_MAX_PAGE = 500;
export const FEED_DEFAULT_PAGE = EXPORT_DEFAULT_PAGE;

/**
 * The readings feed for integrators (scope readings:read): the sendings in commit order, a page
 * at a time (up to 500). The `readings:export` CLI calls `exportReadings` itself (pages up to
 * 1,000). Framework-free.
 */
export class ReadingsFeedService {
  constructor(private readonly dataSource: DataSource) {}

  /** Sendings of one month, in feed order. */
  submittedReadings(
    period: string,
    first?: number | null,
    after?: string | null,
  ): Promise<ExportPage> {
    return exportReadings(this.dataSource, { period, after, first, max: FEED_MAX_PAGE });
  }

  /** Every sending after the cursor, in commit order. */
  readingsFeed(after?: string | null, first?: number | null): Promise<ExportPage> {
    return exportReadings(this.dataSource, { after, first, max: FEED_MAX_PAGE });
  }

  /**
   * The cursor after every reading committed so far: each stream's counter as committed (a
   * transaction still holding a number has not committed it, and its reading comes after).
   * Where the webhook dispatcher starts.
   */
  async feedEnd(): Promise<string> {
    const rows: Array<{ value: string | number }> = await dialectOf(this.dataSource).inTurn(() =>
      this.dataSource.query(
        "SELECT value FROM feed_sequence WHERE name = 'readings' OR name LIKE 'readings#%'",
      ),
    );
    const position = new Map<bigint, bigint>();
    for (const row of rows) {
      const seq = BigInt(row.value);
      position.set(streamOf(seq), seq);
    }
    return encodeFeedPosition(position);
  }
}

import type { DataSource } from "typeorm";
import { periodOf } from "../core/almaty-time";
import type { Clock } from "../core/clock";
import type { ReadingEntity } from "./reading.entity";
import { windowOfLoaded, type WindowView } from "./submission-window.rules";
import { latestReadingsAndCountedSendings } from "./readings.queries";

/** One meter's latest actual reading and this month's window, outside a request's loaders. */
export class MeterStateService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async of(meterId: number): Promise<{ latest: ReadingEntity | null; window: WindowView }> {
    const period = periodOf(this.clock.now());
    const month = await latestReadingsAndCountedSendings(
      this.dataSource.manager,
      [meterId],
      period,
    );
    const latest = month.latest.get(meterId) ?? null;
    return { latest, window: windowOfLoaded(period, latest, month.sendings.get(meterId) ?? []) };
  }
}

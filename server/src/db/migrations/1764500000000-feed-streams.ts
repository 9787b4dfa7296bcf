import { type MigrationInterface, type QueryRunner, TableColumn, TableIndex } from "typeorm";
import { text } from "./columns";

/**
 * On a Galera cluster each node numbers the readings feed in a stream of its own (issue 22;
 * readings/feed-cursor.rules.ts): its counter is a `feed_sequence` row named `readings#<k>`
 * that belongs to the node in `node`. One server keeps its one row, `readings`, with no node.
 */
export class FeedStreams1764500000000 implements MigrationInterface {
  name = "FeedStreams1764500000000";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn("feed_sequence", new TableColumn(text("node", 64, true)));
    await queryRunner.createIndex(
      "feed_sequence",
      new TableIndex({ name: "uq_feed_sequence_node", columnNames: ["node"], isUnique: true }),
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DELETE FROM feed_sequence WHERE node IS NOT NULL");
    await queryRunner.dropIndex("feed_sequence", "uq_feed_sequence_node");
    await queryRunner.dropColumn("feed_sequence", "node");
  }
}

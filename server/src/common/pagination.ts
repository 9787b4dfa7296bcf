import { Field, ObjectType } from "type-graphql";
import { invalidField } from "./app-error";

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

@ObjectType({ description: "Where a page ends and whether more follow.", simpleResolvers: true })
export class PageInfo {
  @Field({ description: "True when another page follows this one." })
  hasNextPage: boolean;

  @Field(() => String, { nullable: true, description: "Pass as `after` to get the next page." })
  endCursor: string | null;
}

export function pageSize(first: number | null | undefined): number {
  if (first == null) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw invalidField("first", `first must be from 1 to ${MAX_PAGE_SIZE}.`);
  }
  return first;
}

/** Opaque cursor over a (time, id) position, newest first. */
export interface TimeIdPosition {
  at: Date;
  id: number;
}

export function encodeCursor(position: TimeIdPosition): string {
  return Buffer.from(`${position.at.getTime()}:${position.id}`, "utf8").toString("base64url");
}

export function decodeCursor(cursor: string, field = "after"): TimeIdPosition {
  const match = /^(\d{1,15}):(\d{1,12})$/.exec(Buffer.from(cursor, "base64url").toString("utf8"));
  if (!match) throw invalidField(field, "The cursor is not valid.");
  return { at: new Date(Number(match[1])), id: Number(match[2]) };
}

import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { NOTIFICATION_KINDS, type NotificationKind } from '@brieflock/schema';
import { ID } from '../id.scalar.js';

export const NotificationKindEnum = Object.fromEntries(NOTIFICATION_KINDS.map((kind) => [kind, kind])) as {
  [K in NotificationKind]: K;
};
registerEnumType(NotificationKindEnum, { name: 'NotificationKind' });

/** A notification as the resolvers hand it on; `proposalId` resolves `proposal` for its recipient. */
export interface NotificationView {
  id: string;
  userId: string;
  kind: NotificationKind;
  proposalId: string | null;
  createdAt: Date;
  readAt: Date | null;
  text: string;
  link: string;
}

@ObjectType({ description: 'Something that happened that concerns the signed-in person.' })
export class Notification {
  @Field(() => ID) id!: string;
  @Field(() => NotificationKindEnum) kind!: NotificationKind;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date, { nullable: true, description: 'When its recipient marked it read; null while unread.' })
  readAt!: Date | null;
  @Field(() => String, { description: 'One sentence saying what happened.' }) text!: string;
  @Field(() => String, { description: 'Where in the app it happened: a path relative to the app.' }) link!: string;
}

@ObjectType({ description: "A page of the signed-in person's notifications, newest first." })
export class NotificationPage {
  @Field(() => [Notification]) items!: NotificationView[];
  @Field(() => Int, { description: 'How many of all their notifications are unread.' }) unread!: number;
  @Field(() => String, { nullable: true, description: 'Pass as `after` for the next page; null on the last.' })
  next!: string | null;
}

import { Field, InputType, ObjectType, registerEnumType } from 'type-graphql';
import type { NotificationKind } from '@brieflock/schema';
import { NOTIFICATION_CHANNELS, type NotificationChannel } from './preferences.js';
import { NotificationKindEnum } from './notifications.types.js';

export const NotificationChannelEnum = Object.fromEntries(NOTIFICATION_CHANNELS.map((c) => [c, c])) as {
  [C in NotificationChannel]: C;
};
registerEnumType(NotificationChannelEnum, {
  name: 'NotificationChannel',
  description: 'How a kind of notification reaches a person besides the in-app inbox, which always holds it.',
  valuesConfig: {
    EMAIL_NOW: { description: 'An e-mail as soon as it happens.' },
    DIGEST: { description: 'A line in the periodic e-mail digest.' },
    APP_ONLY: { description: 'No e-mail: only the in-app inbox.' },
  },
});

@ObjectType({ description: 'The channel one kind of notification comes by.' })
export class NotificationKindChannel {
  @Field(() => NotificationKindEnum) kind!: NotificationKind;
  @Field(() => NotificationChannelEnum) channel!: NotificationChannel;
}

@ObjectType({
  description:
    'How a person wants to hear of each kind of notification. Unless changed, what waits on them comes by ' +
    'e-mail at once (MENTIONED, SIGNATURE_REQUESTED, VERSION_EXECUTED, SIGNER_DECLINED, MILESTONE_SUBMITTED, ' +
    'MILESTONE_DECIDED, ENGAGEMENT_CLOSED, REVIEW_WRITTEN, REVIEW_ANSWERED, WEBHOOK_DISABLED), REPLIED, ' +
    'SUGGESTION_DECIDED and MILESTONE_DUE come in the digest, and INVITED stays ' +
    'in the app (the invitation e-mail carries its own link).',
})
export class NotificationPreferences {
  @Field(() => [NotificationKindChannel], { description: 'Every kind, once, in a fixed order.' })
  channels!: NotificationKindChannel[];
}

@InputType()
export class NotificationKindChannelInput {
  @Field(() => NotificationKindEnum) kind!: NotificationKind;
  @Field(() => NotificationChannelEnum) channel!: NotificationChannel;
}

@InputType({ description: 'Channels to set; kinds not named keep theirs. Each kind at most once.' })
export class NotificationPreferencesInput {
  @Field(() => [NotificationKindChannelInput]) channels!: NotificationKindChannelInput[];
}

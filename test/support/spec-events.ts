/**
 * The example events of Wazo's message-bus page (../shared/docs/wazo-message-bus.md),
 * verbatim but for the user uuid, which a test may substitute.
 */
const SPEC_USER = '2e752722-0864-4665-887d-a78a024cf7c7';

export function specEvents(user = SPEC_USER): Record<string, Record<string, unknown>> {
  return {
    call_created: {
      name: 'call_created',
      required_acl: `events.calls.${user}`,
      origin_uuid: '08c56466-8f29-45c7-9856-92bf1ba89b82',
      data: {
        bridges: [],
        call_id: '1455123422.8',
        caller_id_name: 'Some One',
        caller_id_number: '1001',
        creation_time: '2016-02-10T11:57:02.592-0500',
        status: 'Ring',
        talking_to: {},
        user_uuid: user,
      },
    },
    call_held: {
      name: 'call_held',
      origin_uuid: 'ca7f87e9-c2c8-5fad-ba1b-c3140ebb9be3',
      data: { call_id: '1455123422.8' },
    },
    call_resumed: {
      name: 'call_resumed',
      origin_uuid: 'ca7f87e9-c2c8-5fad-ba1b-c3140ebb9be3',
      data: { call_id: '1455123422.8' },
    },
    favorite_added: {
      name: 'favorite_added',
      origin_uuid: 'ca7f87e9-c2c8-5fad-ba1b-c3140ebb9be3',
      data: {
        xivo_uuid: 'ca7f87e9-c2c8-5fad-ba1b-c3140ebb9be3',
        user_uuid: user,
        source: 'internal',
        source_entry_id: 42,
      },
    },
    favorite_deleted: {
      name: 'favorite_deleted',
      origin_uuid: 'ca7f87e9-c2c8-5fad-ba1b-c3140ebb9be3',
      data: {
        xivo_uuid: 'ca7f87e9-c2c8-5fad-ba1b-c3140ebb9be3',
        user_uuid: user,
        source: 'internal',
        source_entry_id: 42,
      },
    },
    users_forwards_busy_updated: {
      name: 'users_forwards_busy_updated',
      required_acl: `events.config.users.${user}.forwards.busy.updated`,
      origin_uuid: 'ca7f87e9-c2c8-5fad-ba1b-c3140ebb9be3',
      data: { user_uuid: user, enabled: true, destination: '1234' },
    },
    users_services_dnd_updated: {
      name: 'users_services_dnd_updated',
      required_acl: `events.config.users.${user}.services.dnd.updated`,
      origin_uuid: 'ca7f87e9-c2c8-5fad-ba1b-c3140ebb9be3',
      data: { user_uuid: user, enabled: true },
    },
    user_voicemail_message_created: {
      name: 'user_voicemail_message_created',
      required_acl: `events.users.${user}.voicemails`,
      origin_uuid: '3b13295f-9f93-4c19-bd52-015a928a8a2a',
      data: {
        voicemail_id: 1,
        message: {
          timestamp: 1479226725,
          caller_id_num: '1001',
          caller_id_name: 'Alice',
          duration: 0,
          folder: { type: 'new', id: 1, name: 'inbox' },
          id: '1479226725-00000003',
        },
        user_uuid: user,
        message_id: '1479226725-00000003',
      },
    },
  };
}

/** Builders of validated events for reducer and store tests. */
import type { WazoEvent } from '../../electron/core/events/catalog.js';
import { validateEnvelope, type RawEnvelope } from '../../electron/core/events/decode.js';
import { WAZO_FOLDERS, type WazoFolderType } from '../../electron/shared/voicemail-folder.js';

/** Validates a body through the real decoder, so tests only ever feed the reducer what the pipeline would. */
export function ev(body: Record<string, unknown>): WazoEvent {
  const result = validateEnvelope(body as RawEnvelope);
  if (!result.ok) throw new Error(`test event invalid: ${result.reason} ${result.detail}`);
  return result.event;
}

/** A call event with the given data only: for old servers' minimal payloads, and the reducer's own cases. */
export const call = (name: string, data: Record<string, unknown>, timestamp?: string) =>
  ev({ name, ...(timestamp ? { timestamp } : {}), data });

export const voicemailEvent = (
  action: 'created' | 'updated' | 'deleted',
  id: string,
  folderType: WazoFolderType,
  timestamp = 1_700_000_000,
) =>
  ev({
    name: `user_voicemail_message_${action}`,
    data: {
      voicemail_id: 1,
      message_id: id,
      message: {
        id,
        caller_id_name: 'Alice',
        caller_id_num: '1001',
        duration: 5,
        timestamp,
        folder: WAZO_FOLDERS[folderType],
      },
    },
  });

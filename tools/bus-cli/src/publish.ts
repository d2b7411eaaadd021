// `publish <subject> <json-data>`: validates the data against the subject's schema (the same check a
// service's outbox makes), then publishes one envelope and prints it.
import {
  decodeEnvelope, InvalidMessageError, isSubject, makeEnvelope, subjects, type EventData, type Subject,
} from '@ticketing/common/events/contracts';
import { currentTraceHeaders } from '@ticketing/common/tracing';
import { connectBus } from './connect';
import { UsageError } from './usage-error';

export function buildEnvelope(subject: string, json: string) {
  if (!isSubject(subject)) throw new UsageError(`unknown subject "${subject}"; known subjects: ${subjects.join(', ')}`);
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    throw new UsageError(`the data for ${subject} is not valid JSON: ${json}`);
  }
  const envelope = makeEnvelopeUnchecked(subject, data);
  try {
    // The consumers' own check, so its message names every field that is wrong.
    decodeEnvelope(JSON.stringify(envelope));
  } catch (error) {
    if (error instanceof InvalidMessageError) throw new UsageError(`${error.message}\nnothing published`);
    throw error;
  }
  return makeEnvelope(subject, data as EventData<Subject>, envelope.id);
}

function makeEnvelopeUnchecked(subject: Subject, data: unknown) {
  return { id: crypto.randomUUID(), subject, occurredAt: new Date().toISOString(), data };
}

export async function publish(args: string[]): Promise<void> {
  const [subject, json, ...extra] = args;
  if (!subject || json === undefined || extra.length > 0) throw new UsageError('usage: publish <subject> <json-data>');
  const envelope = buildEnvelope(subject, json);
  const bus = await connectBus();
  try {
    await bus.publish([{ envelope, headers: currentTraceHeaders() }]);
    process.stdout.write(`${JSON.stringify(envelope)}\n`);
  } finally {
    await bus.close();
  }
}

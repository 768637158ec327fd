// The one domain error: every domain throws it, and its code maps to one HTTP status.
import { describe, expect, it } from 'vitest';
import { DomainError, denialOf, httpStatus, isDomainError } from '#lib/errors.ts';
import { freshDb, publishedActivity, user } from './activities-fixtures.ts';
import { register } from '#lib/activities/registration.ts';
import { cancelActivity } from '#lib/activities/activities.ts';
import { createGroup } from '#lib/clusters/groups.ts';
import { saveSection } from '#lib/ideas/revisions.ts';

describe('DomainError', () => {
  it('maps each code to its HTTP status', () => {
    expect(httpStatus('BAD_REQUEST')).toBe(400);
    expect(httpStatus('UNAUTHORIZED')).toBe(401);
    expect(httpStatus('FORBIDDEN')).toBe(403);
    expect(httpStatus('NOT_FOUND')).toBe(404);
    expect(httpStatus('CONFLICT')).toBe(409);
    expect(httpStatus('TOO_MANY_REQUESTS')).toBe(429);
    expect(new DomainError('CONFLICT', 'Fullt.').status).toBe(409);
  });

  it('turns into a page denial: 404 for NOT_FOUND, 403 for everything else', () => {
    expect(denialOf(new DomainError('NOT_FOUND', 'Finns inte.'))).toEqual({ status: 404, message: 'Finns inte.' });
    expect(denialOf(new DomainError('CONFLICT', 'Redan gjort.'))).toEqual({ status: 403, message: 'Redan gjort.' });
  });

  it('is what the activities, clusters and ideas domains throw', () => {
    const db = freshDb();
    const activity = publishedActivity(db);
    const member = user(db);
    cancelActivity(db, activity.id, null);
    const fromActivities = catchError(() => register(db, { activityId: activity.id, userId: member.id }));
    expect(isDomainError(fromActivities)).toBe(true);
    expect(fromActivities).toMatchObject({ code: 'CONFLICT', message: 'Aktiviteten är inställd.' });

    const fromClusters = catchError(() => createGroup(db, { name: 'Grupp', problemArea: 'Område', description: 'Beskrivning av gruppen', joinMode: 'open', leadEmails: ['ingen@exempel.se'], createdById: member.id }));
    expect(isDomainError(fromClusters)).toBe(true);

    const visit = publishedActivity(db, { kind: 'study_visit' });
    const noMotivation = catchError(() => register(db, { activityId: visit.id, userId: member.id, motivation: '  ' }));
    expect(noMotivation).toMatchObject({ code: 'BAD_REQUEST', field: 'motivation' });

    const fromIdeas = catchError(() => saveSection(db, { sectionId: 999_999, authorId: member.id, baseRevisionId: 0, text: 'x' }));
    expect(fromIdeas).toMatchObject({ name: 'DomainError', code: 'NOT_FOUND' });
  });
});

function catchError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

import { describe, expect, it } from 'vitest';
import { can, type Actor } from '#lib/clusters/permissions.ts';

const medlem: Actor = { id: 1, role: 'member', status: 'active' };
const samordnare: Actor = { id: 2, role: 'coordinator', status: 'active' };
const admin: Actor = { id: 3, role: 'admin', status: 'active' };
const member = { role: 'member', status: 'active' } as const;
const lead = { role: 'lead', status: 'active' } as const;
const requested = { role: 'member', status: 'requested' } as const;
const invited = { role: 'member', status: 'invited' } as const;
const draft = { status: 'draft', sharedWithAll: false } as const;
const ready = { status: 'ready', sharedWithAll: false } as const;
const sharedReady = { status: 'ready', sharedWithAll: true } as const;

describe('can() for ideas', () => {
  it('lets only active group members read a private idea — not admins, coordinators or other members', () => {
    expect(can(medlem, 'idea:view', { membership: member, idea: draft })).toBe(true);
    expect(can(medlem, 'idea:view', { membership: null, idea: draft })).toBe(false);
    expect(can(admin, 'idea:view', { membership: null, idea: draft })).toBe(false);
    expect(can(samordnare, 'idea:view', { membership: null, idea: draft })).toBe(false);
    expect(can(medlem, 'idea:view', { membership: requested, idea: draft })).toBe(false);
    expect(can(medlem, 'idea:view', { membership: invited, idea: draft })).toBe(false);
    expect(can(null, 'idea:view', { membership: member, idea: draft })).toBe(false);
    expect(can({ ...medlem, status: 'deactivated' }, 'idea:view', { membership: member, idea: draft })).toBe(false);
  });

  it('shares read-only with everyone only when a lead shared a ready idea', () => {
    expect(can(medlem, 'idea:view', { membership: null, idea: ready })).toBe(false);
    expect(can(medlem, 'idea:view', { membership: null, idea: sharedReady })).toBe(true);
    expect(can(medlem, 'idea:view', { membership: null, idea: { status: 'draft', sharedWithAll: true } })).toBe(false);
    expect(can(medlem, 'idea:edit', { membership: null, idea: sharedReady })).toBe(false);
    expect(can(medlem, 'idea:comment', { membership: null, idea: sharedReady })).toBe(false);
  });

  it('lets members edit, leads manage and share (only from "ready"), and locks closed ideas', () => {
    expect(can(medlem, 'idea:edit', { membership: member, idea: draft })).toBe(true);
    expect(can(medlem, 'idea:edit', { membership: member, idea: { status: 'closed', sharedWithAll: false } })).toBe(false);
    expect(can(medlem, 'idea:manage', { membership: member, idea: draft })).toBe(false);
    expect(can(medlem, 'idea:manage', { membership: lead, idea: draft })).toBe(true);
    expect(can(medlem, 'idea:share', { membership: lead, idea: draft })).toBe(false);
    expect(can(medlem, 'idea:share', { membership: lead, idea: ready })).toBe(true);
    expect(can(admin, 'idea:manage', { membership: null, idea: draft })).toBe(false);
  });

  it('lets the author or a lead resolve a comment', () => {
    expect(can(medlem, 'comment:resolve', { membership: member, comment: { authorId: 1 } })).toBe(true);
    expect(can(medlem, 'comment:resolve', { membership: member, comment: { authorId: 9 } })).toBe(false);
    expect(can(medlem, 'comment:resolve', { membership: lead, comment: { authorId: 9 } })).toBe(true);
    expect(can(medlem, 'comment:resolve', { membership: null, comment: { authorId: 1 } })).toBe(false);
  });
});

describe('can() for groups', () => {
  it('lets coordinators and admins create groups and appoint leads, not members or leads', () => {
    expect(can(samordnare, 'group:create')).toBe(true);
    expect(can(admin, 'group:create')).toBe(true);
    expect(can(medlem, 'group:create')).toBe(false);
    expect(can(medlem, 'group:appointLead', { membership: lead })).toBe(false);
    expect(can(samordnare, 'group:appointLead', { membership: null })).toBe(true);
  });

  it('follows the join mode', () => {
    expect(can(medlem, 'group:join', { group: { joinMode: 'open' }, membership: null })).toBe(true);
    expect(can(medlem, 'group:join', { group: { joinMode: 'request' }, membership: null })).toBe(false);
    expect(can(medlem, 'group:request', { group: { joinMode: 'request' }, membership: null })).toBe(true);
    expect(can(medlem, 'group:request', { group: { joinMode: 'closed' }, membership: null })).toBe(false);
    expect(can(medlem, 'group:request', { group: { joinMode: 'request' }, membership: requested })).toBe(false);
    expect(can(medlem, 'group:respondInvite', { group: { joinMode: 'closed' }, membership: invited })).toBe(true);
    expect(can(medlem, 'group:manage', { membership: member })).toBe(false);
    expect(can(medlem, 'group:manage', { membership: lead })).toBe(true);
    expect(can(medlem, 'idea:create', { membership: member })).toBe(true);
    expect(can(medlem, 'idea:create', { membership: invited })).toBe(false);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { startTestApp, type Client, type TestApp } from '../../../../tests/support/test-app.ts';
import { upload } from '../../../../tests/support/upload.ts';
import { addDays, addMonths } from '../../../shared/incidents/readiness.ts';
import { todayVn } from '../../../shared/core/dates.ts';

let t: TestApp;
let dataDir: string;
let officer: Client; // syt.canbo
let other: Client; // sgd.canbo
let security: Client; // attt
let responder: Client; // ungcuu
let system: { id: number; name: string };
const today = todayVn();

type Facts = {
  systemId: number;
  level: number | null;
  hasResponsePlan: boolean;
  planCurrent: boolean;
  planNextReviewOn: string | null;
  playbooks: number;
  lastExerciseOn: string | null;
  exerciseRequired: boolean;
  exerciseOverdue: boolean;
};
type Readiness = { asOf: string; totals: Record<string, number>; team: { required: number; qualified: number; underStrength: boolean }; systems: Facts[] };

const ok = <T>(res: LightMyRequestResponse, status = 200): T => {
  expect(res.statusCode, res.body).toBe(status);
  return res.json() as T;
};
const facts = async (c: Client, systemId: number) =>
  ok<Readiness>(await c.get(`/api/incidents/readiness?agencyId=${c.me.agencyId}`)).systems.find((s) => s.systemId === systemId)!;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'khien-readiness-'));
  t = await startTestApp({ DATA_DIR: dataDir });
  [officer, other, security, responder] = await Promise.all(['syt.canbo', 'sgd.canbo', 'attt', 'ungcuu'].map((u) => t.login(u)));
  // A fresh level-3 system of Sở Y tế with no plan or exercise yet.
  const created = ok<{ id: number; name: string }>(
    await officer.post('/api/systems', { agencyId: officer.me.agencyId, code: 'READY-1', name: 'Hệ thống sẵn sàng ứng cứu' }),
    201,
  );
  const seeded = (await officer.get('/api/systems?limit=50')).json().items.find((s: { proposedLevel: number | null }) => s.proposedLevel === 3);
  const detail = (await officer.get(`/api/systems/${seeded.id}`)).json();
  ok(await officer.put(`/api/systems/${created.id}/classification`, { answers: detail.classification, proposedLevel: detail.computedLevel }));
  system = created;
});
afterAll(async () => {
  await t?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('response plans', () => {
  it('flags a system without a plan, then counts a current one', async () => {
    expect(await facts(officer, system.id)).toMatchObject({
      level: 3,
      hasResponsePlan: false,
      planCurrent: false,
      exerciseRequired: true,
      exerciseOverdue: true,
    });
    const plan = ok<{ id: number; reviewOverdue: boolean; can: { edit: boolean } }>(
      await officer.post('/api/response-plans', {
        systemId: system.id,
        kind: 'plan',
        title: 'Phương án ứng cứu sự cố',
        version: '1.0',
        issuedOn: addMonths(today, -13),
        nextReviewOn: addMonths(today, -1),
      }),
      201,
    );
    expect(plan).toMatchObject({ reviewOverdue: true, can: { edit: true } });
    expect(await facts(officer, system.id)).toMatchObject({ hasResponsePlan: true, planCurrent: false });
    ok(
      await officer.post('/api/response-plans', {
        systemId: system.id,
        kind: 'playbook',
        title: 'Kịch bản mã độc tống tiền',
        scenario: 'Mã độc tống tiền',
        version: '1.0',
        issuedOn: addMonths(today, -2),
        nextReviewOn: addMonths(today, 10),
      }),
      201,
    );
    const revised = ok<{ reviewOverdue: boolean; version: string }>(
      await officer.patch(`/api/response-plans/${plan.id}`, { version: '1.1', issuedOn: addDays(today, -3), nextReviewOn: addMonths(today, 12) }),
    );
    expect(revised).toMatchObject({ reviewOverdue: false, version: '1.1' });
    expect(await facts(officer, system.id)).toMatchObject({ hasResponsePlan: true, planCurrent: true, playbooks: 1, planNextReviewOn: addMonths(today, 12) });
    const overdue = ok<{ id: number }[]>(await officer.get('/api/response-plans?overdue=true'));
    expect(overdue.map((p) => p.id)).not.toContain(plan.id);
  });

  it('attaches the signed document and keeps its SHA-256', async () => {
    const [plan] = ok<{ id: number }[]>(await officer.get(`/api/response-plans?systemId=${system.id}`));
    const res = ok<{ file: { name: string; sha256: string } }>(await upload(officer, `/api/response-plans/${plan!.id}/file`, 'phuong-an.pdf'));
    expect(res.file).toMatchObject({ name: 'phuong-an.pdf', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  it("refuses bad dates and other agencies' systems", async () => {
    const bad = await officer.post('/api/response-plans', {
      systemId: system.id,
      kind: 'plan',
      title: 'Phương án',
      version: '1',
      issuedOn: today,
      nextReviewOn: addDays(today, -1),
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('nextReviewOn');
    const theirs = (await security.get(`/api/systems?agencyId=${other.me.agencyId}&limit=1`)).json().items[0].id;
    const a = await officer.post('/api/response-plans', { systemId: theirs, kind: 'plan', title: 'Phương án', version: '1', issuedOn: today });
    const b = await officer.post('/api/response-plans', { systemId: 999_999, kind: 'plan', title: 'Phương án', version: '1', issuedOn: today });
    expect(a.statusCode).toBe(400);
    expect(a.json()).toEqual(b.json());
    const [own] = ok<{ id: number }[]>(await officer.get(`/api/response-plans?systemId=${system.id}`));
    expect((await other.get(`/api/response-plans/${own!.id}`)).statusCode).toBe(404);
    expect((await other.patch(`/api/response-plans/${own!.id}`, { version: '9' })).statusCode).toBe(404);
  });
});

describe('exercises', () => {
  it('records an exercise and clears the yearly flag of the systems that took part', async () => {
    const exercise = ok<{ id: number; systems: { id: number }[] }>(
      await officer.post('/api/response-exercises', {
        agencyId: officer.me.agencyId,
        title: 'Diễn tập mã độc tống tiền',
        heldOn: addMonths(today, -2),
        kind: 'live_fire',
        scenario: 'Mã độc mã hóa máy chủ dữ liệu',
        participants: 'Phòng CNTT Sở Y tế; Đội ứng cứu sự cố tỉnh',
        outcome: 'achieved',
        findings: 'Khôi phục chậm 2 giờ so với mục tiêu',
        systemIds: [system.id],
      }),
      201,
    );
    expect(exercise.systems.map((s) => s.id)).toEqual([system.id]);
    expect(await facts(officer, system.id)).toMatchObject({ lastExerciseOn: addMonths(today, -2), exerciseOverdue: false });
    ok(await officer.patch(`/api/response-exercises/${exercise.id}`, { heldOn: addMonths(today, -13) }));
    expect(await facts(officer, system.id)).toMatchObject({ exerciseOverdue: true });
    expect((await other.get(`/api/response-exercises/${exercise.id}`)).statusCode).toBe(404);
    expect(ok<{ id: number }[]>(await other.get('/api/response-exercises')).map((e) => e.id)).not.toContain(exercise.id);
    expect(ok<{ id: number }[]>(await responder.get('/api/response-exercises')).map((e) => e.id)).toContain(exercise.id);
  });

  it('refuses an exercise without systems or with systems out of reach', async () => {
    const base = {
      agencyId: officer.me.agencyId,
      title: 'Diễn tập',
      heldOn: today,
      kind: 'tabletop',
      scenario: 'Tình huống giả định',
      participants: 'Các phòng',
      outcome: 'partially',
    };
    expect((await officer.post('/api/response-exercises', { ...base, systemIds: [] })).statusCode).toBe(400);
    const theirs = (await security.get(`/api/systems?agencyId=${other.me.agencyId}&limit=1`)).json().items[0].id;
    expect((await officer.post('/api/response-exercises', { ...base, systemIds: [theirs] })).json().error.field).toBe('systemIds');
    expect((await officer.post('/api/response-exercises', { ...base, outcome: 'great', systemIds: [system.id] })).statusCode).toBe(400);
  });
});

describe('the response team roster', () => {
  it('warns when the team falls under five qualified experts', async () => {
    const roster = ok<{
      members: { id: number; qualified: boolean; fullName: string }[];
      strength: { qualified: number; underStrength: boolean; required: number };
      can: { edit: boolean };
    }>(await officer.get('/api/response-team'));
    expect(roster.can.edit).toBe(false);
    expect(roster.strength.required).toBe(5);
    expect(roster.strength.qualified).toBe(roster.members.filter((m) => m.qualified).length);
    expect(roster.strength.underStrength).toBe(false);
    // Two qualified members leave: under strength.
    const leaving = roster.members.filter((m) => m.qualified).slice(0, roster.strength.qualified - 4);
    let after = roster;
    for (const m of leaving) after = ok(await security.patch(`/api/response-team/${m.id}`, { active: false }));
    expect(after.strength).toMatchObject({ qualified: 4, underStrength: true });
    const readiness = ok<Readiness>(await officer.get('/api/incidents/readiness'));
    expect(readiness.team.underStrength).toBe(true);
  });

  it('adds a hired expert with certificates, which restores the strength', async () => {
    const sao = (await security.get('/api/agencies')).json().find((a: { name: string }) => a.name.includes('Sao Việt')).id;
    const added = ok<{ members: { id: number; fullName: string }[] }>(
      await security.post('/api/response-team', {
        fullName: 'Chuyên gia Thuê Ngoài',
        agencyId: sao,
        employment: 'hired',
        position: 'Chuyên gia',
        expertise: 'Điều tra số',
      }),
      201,
    );
    const id = added.members.find((m) => m.fullName === 'Chuyên gia Thuê Ngoài')!.id;
    const expired = ok<{ strength: { qualified: number } }>(
      await security.put(`/api/response-team/${id}/certificates`, [{ name: 'CEH', issuer: 'EC-Council', issuedOn: '2020-01-01', expiresOn: '2023-01-01' }]),
    );
    expect(expired.strength.qualified).toBe(4);
    const valid = ok<{ strength: { qualified: number; underStrength: boolean }; members: { id: number; certificates: { expiringSoon: boolean }[] }[] }>(
      await security.put(`/api/response-team/${id}/certificates`, [{ name: 'GCIH', issuer: 'GIAC', issuedOn: today, expiresOn: addDays(today, 30) }]),
    );
    expect(valid.strength).toMatchObject({ qualified: 5, underStrength: false, atRisk: true });
    expect(valid.members.find((m) => m.id === id)!.certificates[0]!.expiringSoon).toBe(true);
  });

  it('is kept by the security unit only', async () => {
    expect((await officer.post('/api/response-team', { fullName: 'Không được thêm', employment: 'in_house' })).statusCode).toBe(403);
    expect((await responder.post('/api/response-team', { fullName: 'Không được thêm', employment: 'in_house' })).statusCode).toBe(403);
    const [member] = ok<{ members: { id: number }[] }>(await officer.get('/api/response-team')).members;
    expect((await officer.patch(`/api/response-team/${member!.id}`, { active: false })).statusCode).toBe(403);
    expect(
      (await security.put(`/api/response-team/${member!.id}/certificates`, [{ name: 'CEH', issuedOn: '2025-01-02', expiresOn: '2025-01-01' }])).json().error
        .field,
    ).toBe('expiresOn');
    expect((await security.patch('/api/response-team/999999', { active: false })).statusCode).toBe(404);
  });
});

describe('readiness facts', () => {
  it('add up per scope for the dashboard', async () => {
    const province = ok<Readiness>(await responder.get('/api/incidents/readiness'));
    const syt = ok<Readiness>(await officer.get('/api/incidents/readiness'));
    expect(syt.systems.length).toBeLessThan(province.systems.length);
    expect(province.totals.systems).toBe(province.systems.length);
    expect(province.totals.withPlan).toBe(province.systems.filter((s) => s.hasResponsePlan).length);
    expect(province.totals.exerciseOverdue).toBe(province.systems.filter((s) => s.exerciseOverdue).length);
    expect(province.systems.every((s) => !s.exerciseOverdue || (s.level ?? 0) >= 3)).toBe(true);
    expect(province.asOf).toBe(today);
    expect((await officer.get(`/api/incidents/readiness?agencyId=${other.me.agencyId}`)).statusCode).toBe(404);
  });
});

import { copyRows, type Cell } from './copy.ts';
import { withExplicitIds } from './db.ts';
import { extraGenerators, type National } from './national-extras.ts';

const KINDS = ['malware', 'ransomware', 'intrusion', 'defacement', 'ddos', 'data_leak', 'phishing', 'account_compromise', 'other'];
const SEVERITIES = ['low', 'medium', 'high', 'critical'];
const STATUSES = ['received', 'triaged', 'responding', 'contained', 'recovered', 'closed', 'closed', 'closed', 'rejected'];
const DAY = 86_400_000;
const NOW = Date.now();

/** 500,000 incidents over two years with their affected system and a timeline of about four events each. */
async function incidents(n: National) {
  const count = 500_000;
  await n.step('incidents + timelines', async () => {
    const rows: Cell[][] = [];
    const links: Cell[][] = [];
    const events: Cell[][] = [];
    for (let id = 1; id <= count; id++) {
      const s = n.systems[Math.floor(n.r.next() * n.systems.length)]!;
      const detected = new Date(NOW - n.r.int(0, 730) * DAY - n.r.int(0, 86_399) * 1000);
      const status = n.r.pick(STATUSES);
      const severity = n.r.pick(SEVERITIES);
      const closed = status === 'closed';
      rows.push([
        id,
        s.agencyId,
        `Sự cố ${id}`,
        n.r.pick(KINDS),
        severity,
        severity === 'critical' && n.r.chance(0.5),
        status,
        detected,
        new Date(detected.getTime() + n.r.int(1, 120) * 3_600_000),
        'Mô tả sự cố',
        'Cán bộ báo cáo',
        closed ? new Date(detected.getTime() + 10 * DAY) : null,
        closed ? 'Thiệt hại nhỏ' : null,
        closed ? 'Lỗ hổng chưa vá' : null,
      ]);
      links.push([id, s.id]);
      const steps = ['reported', 'status', 'message', closed ? 'closed' : 'message'];
      for (const [i, kind] of steps.entries()) events.push([id, kind, `Bước ${i + 1}`, new Date(detected.getTime() + (i + 1) * 3_600_000)]);
    }
    await withExplicitIds(n.client, 'incidents', () =>
      copyRows(
        n.client,
        'incidents',
        [
          'id',
          'agency_id',
          'title',
          'kind',
          'severity',
          'serious',
          'status',
          'detected_at',
          'reported_at',
          'description',
          'reporter_name',
          'closed_at',
          'response_damage',
          'response_root_cause',
        ],
        rows,
      ),
    );
    await copyRows(n.client, 'incident_systems', ['incident_id', 'system_id'], links);
    await copyRows(n.client, 'incident_events', ['incident_id', 'kind', 'message', 'at'], events);
    return rows.length + links.length + events.length;
  });
}

/** Response plans for most systems: the dashboard's response-plan indicator reads them. */
async function plans(n: National) {
  await n.step('response plans', async () => {
    const rows = n.systems
      .filter(() => n.r.chance(0.7))
      .map((s) => [s.id, s.agencyId, 'plan', 'Phương án ứng cứu sự cố', '1.0', '2025-03-01', '2026-03-01'] as Cell[]);
    return copyRows(n.client, 'response_plans', ['system_id', 'agency_id', 'kind', 'title', 'version', 'issued_on', 'next_review_on'], rows);
  });
}

/** 500 warnings, 50,000 remediation items; a scan for most systems, 200,000 findings; assessments. */
async function warningsScans(n: National) {
  await n.step('warnings + remediation items', async () => {
    const warnings: Cell[][] = Array.from({ length: 500 }, (_, i) => [
      i + 1,
      'NCSC',
      `${i + 1}/CB-NCSC`,
      new Date(NOW - n.r.int(0, 700) * DAY),
      `Cảnh báo lỗ hổng ${i + 1}`,
      n.r.pick(SEVERITIES),
      new Date(NOW + n.r.int(-300, 60) * DAY),
    ]);
    await withExplicitIds(n.client, 'warnings', () =>
      copyRows(n.client, 'warnings', ['id', 'source', 'number', 'issued_on', 'title', 'severity', 'deadline'], warnings),
    );
    const seen = new Set<string>();
    const items: Cell[][] = [];
    while (items.length < 50_000) {
      const w = n.r.int(1, 500);
      const s = n.systems[Math.floor(n.r.next() * n.systems.length)]!;
      if (seen.has(`${w}:${s.id}`)) continue;
      seen.add(`${w}:${s.id}`);
      items.push([w, s.id, s.agencyId, n.r.pick(['open', 'open', 'patched', 'mitigated', 'not_affected']), '[]', new Date(NOW + n.r.int(-200, 60) * DAY)]);
    }
    await copyRows(n.client, 'remediation_items', ['warning_id', 'system_id', 'agency_id', 'status', 'matched_software', 'due_on'], items);
    return warnings.length + items.length;
  });
  await n.step('scans + findings + assessments', async () => {
    const scanned = n.systems.filter(() => n.r.chance(0.6));
    const scans: Cell[][] = scanned.map((s, i) => [i + 1, s.id, s.agencyId, new Date(NOW - n.r.int(0, 365) * DAY), 'OpenVAS']);
    await withExplicitIds(n.client, 'scans', () => copyRows(n.client, 'scans', ['id', 'system_id', 'agency_id', 'scanned_on', 'tool'], scans));
    const findings: Cell[][] = [];
    for (let i = 0; findings.length < 200_000; i++) {
      const scan = scans[i % scans.length]!;
      const port = `${String(n.r.pick([22, 80, 443, 3306, 8080]))}/tcp`;
      findings.push([
        scan[1],
        scan[2],
        `10.0.0.1|${port}|CVE-2024-${findings.length}`,
        '10.0.0.1',
        port,
        [`CVE-2024-${findings.length}`],
        'Lỗ hổng phần mềm',
        n.r.pick(SEVERITIES),
        n.r.pick(['open', 'open', 'closed']),
        scan[3],
        scan[3],
        scan[0],
        scan[0],
      ]);
    }
    await copyRows(
      n.client,
      'findings',
      [
        'system_id',
        'agency_id',
        'key',
        'host',
        'port',
        'cve_ids',
        'title',
        'severity',
        'status',
        'first_seen_on',
        'last_seen_on',
        'first_scan_id',
        'last_scan_id',
      ],
      findings,
    );
    const {
      rows: [assessor],
    } = await n.client.query(`select id from agencies where kind = 'assessor' limit 1`);
    const assessments = n.systems
      .filter(() => n.r.chance(0.4))
      .map((s) => [s.id, s.agencyId, assessor.id, new Date(NOW - n.r.int(0, 700) * DAY), 'Toàn bộ hệ thống', 'passed', '[]'] as Cell[]);
    await copyRows(n.client, 'assessments', ['system_id', 'agency_id', 'assessor_agency_id', 'assessed_on', 'scope', 'result', 'findings'], assessments);
    return scans.length + findings.length + assessments.length;
  });
}

extraGenerators.push(incidents, plans, warningsScans);

/** The seed directives once for the country, their tasks assigned to every agency of the named kinds. */
async function directivesAndTasks(n: National) {
  const { DIRECTIVES } = await import('../../src/server/seed/demo-directives.ts');
  const { resolveAssignees } = await import('../../src/shared/directives/tasks.ts');
  const { nextOccurrence } = await import('../../src/shared/core/recurrence.ts');
  const { todayVn } = await import('../../src/shared/core/dates.ts');
  const today = todayVn();
  const assignable = n.agencies.map((a) => ({ id: a.id, kind: a.kind, active: true }));
  await n.step('directives + task assignments', async () => {
    let assignments = 0;
    for (const d of DIRECTIVES) {
      const {
        rows: [directive],
      } = await n.client.query(
        `insert into directives (kind, number, issuer, issued_on, issued_precision, title) values ($1, $2, $3, $4, $5, $6) returning id`,
        [d.kind, d.number, d.issuer, d.issuedOn, d.issuedPrecision, d.title],
      );
      for (const [i, t] of d.tasks.entries()) {
        const {
          rows: [task],
        } = await n.client.query(`insert into directive_tasks (directive_id, code, text, deadline, assign_kinds) values ($1, $2, $3, $4, $5) returning id`, [
          directive.id,
          String(i + 1),
          t.text,
          JSON.stringify(t.deadline),
          t.kinds ?? [],
        ]);
        const dueOn = nextOccurrence(t.deadline, today);
        const ids = resolveAssignees(assignable, { kinds: t.kinds ?? [], agencyIds: [] });
        assignments += await copyRows(
          n.client,
          'task_assignments',
          ['task_id', 'agency_id', 'due_on', 'status'],
          ids.map((agencyId) => [task.id, agencyId, dueOn, n.r.pick(['not_started', 'in_progress', 'submitted', 'completed'])] as Cell[]),
        );
      }
    }
    return assignments;
  });
}

extraGenerators.push(directivesAndTasks);

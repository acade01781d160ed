import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import type { Config } from '../../config.ts';
import { actorOf } from '../../http/auth-plugin.ts';
import { fileDownload, MEDIA, uploadForm } from '../../http/openapi.ts';
import { readUpload } from '../../http/upload.ts';
import { attachment } from '../../http/download.ts';
import { IdParam, idText } from '../../../shared/core/schemas.ts';
import {
  AffectedBody,
  AssignmentBody,
  ClosingReportBody,
  CommunicationBody,
  IncidentDetail,
  IncidentList,
  IncidentListQuery,
  IncidentPatch,
  IncidentReportBody,
  IncidentStats,
  IncidentTransitionBody,
  ExportQuery,
  MessageBody,
  MispImportResult,
  NationalShareBody,
  ObservableBody,
  RelatedBody,
  ReportRule,
  ReportRuleBody,
  ResponseReportBody,
  StatsQuery,
  TaskBody,
  TaskPatch,
} from '../../../shared/incidents/schemas.ts';
import { SEVERITY_CLASSES } from '../../../shared/incidents/deadlines.ts';
import { getIncident, listIncidents } from './queries.ts';
import { incidentStats } from './stats.ts';
import { reportIncident, updateReport } from './reporting.ts';
import { assign, transition } from './case-flow.ts';
import {
  addObservable,
  addTask,
  postMessage,
  recordCommunication,
  removeObservable,
  setAffected,
  setRelated,
  shareNationally,
  updateTask,
  writeClosingReport,
  writeResponseReport,
} from './case-work.ts';
import { addEvidence, assertMayAddEvidence } from './evidence.ts';
import { exportStix, renderClosingReport, renderInitialReport, renderResponseReport } from './documents.ts';
import { loadPolicy, updateReportRule } from './policy.ts';
import { assertMayImportMisp, exportMisp, importMisp } from './misp.ts';
import { recordFileShare } from './shares.ts';
import { readinessRoutes } from './readiness-routes.ts';
import { publicIntakeRoutes } from './public-routes.ts';
import { pdfRoute } from '../../documents/pdf-route.ts';

/** Incident reporting and response (Decision 05/2017/QĐ-TTg, Circular 20/2017/TT-BTTTT). */
export async function incidentRoutes(app: FastifyInstance, deps: { db: Db; config: Config }) {
  const { db, config } = deps;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['incidents'];
  const Detail = { 200: IncidentDetail };
  const TaskParams = IdParam.extend({ taskId: idText() });
  const ObservableParams = IdParam.extend({ observableId: idText() });

  r.get(
    '/api/incidents',
    {
      schema: { tags, summary: "Incidents in the caller's scope, newest report first", querystring: IncidentListQuery, response: { 200: IncidentList } },
    },
    async (req) => listIncidents(db, actorOf(req), req.query),
  );

  r.post(
    '/api/incidents',
    {
      schema: { tags, summary: "Report an incident on the agency's own systems", body: IncidentReportBody, response: { 201: IncidentDetail } },
    },
    async (req, reply) => reply.code(201).send(await reportIncident(db, actorOf(req), req.body)),
  );

  r.get(
    '/api/incidents/stats',
    {
      schema: {
        tags,
        summary: 'Counts by status, severity and kind; open serious incidents; late reports (for the dashboard)',
        querystring: StatsQuery,
        response: { 200: IncidentStats },
      },
    },
    async (req) => incidentStats(db, actorOf(req), req.query),
  );

  r.get(
    '/api/incident-policy',
    {
      schema: {
        tags,
        summary: 'Reporting deadlines from detection: at once, or per severity (defaults from Decision 05/2017 and Circular 20/2017)',
        response: { 200: z.array(ReportRule) },
      },
    },
    async () => loadPolicy(db),
  );

  r.put(
    '/api/incident-policy/:severityClass',
    {
      schema: {
        tags,
        summary: 'Change the reporting deadline of a severity class (platform admin)',
        params: z.object({ severityClass: z.enum(SEVERITY_CLASSES) }),
        body: ReportRuleBody,
        response: { 200: z.array(ReportRule) },
      },
    },
    async (req) => updateReportRule(db, actorOf(req), req.params.severityClass, req.body),
  );

  r.get(
    '/api/incidents/:id',
    { schema: { tags, summary: 'A case with its timeline, tasks, observables, evidence and deadlines', params: IdParam, response: Detail } },
    async (req) => getIncident(db, actorOf(req), req.params.id),
  );

  r.patch(
    '/api/incidents/:id',
    {
      schema: {
        tags,
        summary: 'Correct the report (the agency before triage; the team until the case ends)',
        params: IdParam,
        body: IncidentPatch,
        response: Detail,
      },
    },
    async (req) => updateReport(db, actorOf(req), req.params.id, req.body),
  );

  r.post(
    '/api/incidents/:id/transitions',
    {
      schema: {
        tags,
        summary: 'Triage (accept, merge, reject) or move the case: respond, contain, recover, close',
        params: IdParam,
        body: IncidentTransitionBody,
        response: Detail,
      },
    },
    async (req) => transition(db, actorOf(req), req.params.id, req.body),
  );

  r.put(
    '/api/incidents/:id/assignment',
    { schema: { tags, summary: 'Set the lead and the responders', params: IdParam, body: AssignmentBody, response: Detail } },
    async (req) => assign(db, actorOf(req), req.params.id, req.body),
  );

  r.post(
    '/api/incidents/:id/messages',
    { schema: { tags, summary: 'Post a message on the case timeline', params: IdParam, body: MessageBody, response: Detail } },
    async (req) => postMessage(db, actorOf(req), req.params.id, req.body),
  );

  r.post(
    '/api/incidents/:id/tasks',
    { schema: { tags, summary: 'Add a task with an assignee and a due time', params: IdParam, body: TaskBody, response: Detail } },
    async (req) => addTask(db, actorOf(req), req.params.id, req.body),
  );

  r.patch(
    '/api/incidents/:id/tasks/:taskId',
    {
      schema: { tags, summary: 'Edit a task, or mark it done (its assignee may too)', params: TaskParams, body: TaskPatch, response: Detail },
    },
    async (req) => updateTask(db, actorOf(req), req.params.id, req.params.taskId, req.body),
  );

  r.post(
    '/api/incidents/:id/observables',
    {
      schema: {
        tags,
        summary: 'Add an observable (IP, domain, URL, file hash, e-mail, CVE) with its TLP marking',
        params: IdParam,
        body: ObservableBody,
        response: Detail,
      },
    },
    async (req) => addObservable(db, actorOf(req), req.params.id, req.body),
  );

  r.delete(
    '/api/incidents/:id/observables/:observableId',
    { schema: { tags, summary: 'Remove an observable', params: ObservableParams, response: Detail } },
    async (req) => removeObservable(db, actorOf(req), req.params.id, req.params.observableId),
  );

  r.post(
    '/api/incidents/:id/evidence',
    {
      schema: {
        tags,
        summary: 'Add an evidence file (multipart field "file", optional field "description"); kept with its SHA-256',
        params: IdParam,
        consumes: ['multipart/form-data'],
        documentedBody: {
          'multipart/form-data': uploadForm(z.object({ description: z.string().optional().describe('What the file is; the first 1,000 characters are kept') })),
        },
        response: { 201: IncidentDetail },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const upload = await readUpload(req, () => assertMayAddEvidence(db, actor, req.params.id));
      return reply.code(201).send(await addEvidence(db, actor, config.filesDir, req.params.id, upload));
    },
  );

  r.put(
    '/api/incidents/:id/affected',
    {
      schema: { tags, summary: 'Set the affected systems and the other affected agencies', params: IdParam, body: AffectedBody, response: Detail },
    },
    async (req) => setAffected(db, actorOf(req), req.params.id, req.body),
  );

  r.put(
    '/api/incidents/:id/related',
    { schema: { tags, summary: 'Set the related cases', params: IdParam, body: RelatedBody, response: Detail } },
    async (req) => setRelated(db, actorOf(req), req.params.id, req.body),
  );

  r.put(
    '/api/incidents/:id/communication',
    {
      schema: { tags, summary: 'Record the decision on public communication and who speaks', params: IdParam, body: CommunicationBody, response: Detail },
    },
    async (req) => recordCommunication(db, actorOf(req), req.params.id, req.body),
  );

  r.put(
    '/api/incidents/:id/response-report',
    {
      schema: {
        tags,
        summary: "Write the response team's report: damage, root cause, origin, actions, lessons learned",
        params: IdParam,
        body: ResponseReportBody,
        response: Detail,
      },
    },
    async (req) => writeResponseReport(db, actorOf(req), req.params.id, req.body),
  );

  r.put(
    '/api/incidents/:id/closing-report',
    {
      schema: {
        tags,
        summary: "Write the operator's closing report to the owner and the national coordinator (Circular 20/2017 Art. 9(2)(b))",
        params: IdParam,
        body: ClosingReportBody,
        response: Detail,
      },
    },
    async (req) => writeClosingReport(db, actorOf(req), req.params.id, req.body),
  );

  r.post(
    '/api/incidents/:id/national-share',
    {
      schema: {
        tags,
        summary: 'Record that the case was shared with the national coordinating agency',
        params: IdParam,
        body: NationalShareBody,
        response: Detail,
      },
    },
    async (req) => shareNationally(db, actorOf(req), req.params.id, req.body),
  );

  r.get(
    '/api/incidents/:id/initial-report.docx',
    {
      schema: {
        tags,
        summary: 'The initial report (Decision 05/2017 Art. 11(4)) as a Word document in the Decree 30/2020 layout',
        params: IdParam,
        response: { 200: fileDownload('The Word document', [MEDIA.docx]) },
      },
    },
    async (req, reply) => {
      const { name, data } = await renderInitialReport(db, actorOf(req), req.params.id);
      return reply.header('content-type', MEDIA.docx).header('content-disposition', attachment(name)).send(data);
    },
  );

  r.get(
    '/api/incidents/:id/closing-report.docx',
    {
      schema: {
        tags,
        summary: "The operator's closing report as a Word document in the Decree 30/2020 layout",
        params: IdParam,
        response: { 200: fileDownload('The Word document', [MEDIA.docx]) },
      },
    },
    async (req, reply) => {
      const { name, data } = await renderClosingReport(db, actorOf(req), req.params.id);
      return reply.header('content-type', MEDIA.docx).header('content-disposition', attachment(name)).send(data);
    },
  );

  r.get(
    '/api/incidents/:id/response-report.docx',
    {
      schema: {
        tags,
        summary: "The response team's report of the case as a Word document in the Decree 30/2020 layout",
        params: IdParam,
        response: { 200: fileDownload('The Word document', [MEDIA.docx]) },
      },
    },
    async (req, reply) => {
      const { name, data } = await renderResponseReport(db, actorOf(req), req.params.id);
      return reply.header('content-type', MEDIA.docx).header('content-disposition', attachment(name)).send(data);
    },
  );
  pdfRoute(app, '/api/incidents/:id/initial-report.pdf', {
    tags,
    what: 'The initial report',
    render: (req) => renderInitialReport(db, actorOf(req), req.params.id),
  });
  pdfRoute(app, '/api/incidents/:id/closing-report.pdf', {
    tags,
    what: "The operator's closing report",
    render: (req) => renderClosingReport(db, actorOf(req), req.params.id),
  });
  pdfRoute(app, '/api/incidents/:id/response-report.pdf', {
    tags,
    what: "The response team's report",
    render: (req) => renderResponseReport(db, actorOf(req), req.params.id),
  });

  const forCoordinator =
    "With `for=national_coordinator`, the download is recorded as sent to the national coordinating agency (the team, once the case was accepted): the file's SHA-256 and the ids it carries.";
  r.get(
    '/api/incidents/:id/stix',
    {
      schema: {
        tags,
        summary: 'The case as a STIX 2.1 bundle (incident, indicators, observed data, TLP markings)',
        description: forCoordinator,
        params: IdParam,
        querystring: ExportQuery,
        response: { 200: fileDownload('The bundle as a JSON file', [MEDIA.stix]) },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const { name, bundle } = await exportStix(db, actor, req.params.id);
      const content = JSON.stringify(bundle, null, 2);
      if (req.query.for)
        await recordFileShare(
          db,
          actor,
          req.params.id,
          'file',
          bundle.objects.map((o) => o.id),
          content,
        );
      return reply.header('content-type', MEDIA.stix).header('content-disposition', attachment(name)).send(content);
    },
  );

  r.get(
    '/api/incidents/:id/misp',
    {
      schema: {
        tags,
        summary: 'The case as a MISP event (MISP core format): its observables as attributes with TLP tags',
        description: forCoordinator,
        params: IdParam,
        querystring: ExportQuery,
        response: { 200: fileDownload('The event as a JSON file', ['application/json']) },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const { name, event, attributeIds } = await exportMisp(db, actor, req.params.id);
      const content = JSON.stringify(event, null, 2);
      if (req.query.for) await recordFileShare(db, actor, req.params.id, 'misp', attributeIds, content);
      return reply.header('content-type', 'application/json; charset=utf-8').header('content-disposition', attachment(name)).send(content);
    },
  );

  r.post(
    '/api/incidents/:id/observables/misp',
    {
      schema: {
        tags,
        summary: 'Add the attributes of a MISP event file (multipart field "file", at most 5 MB) to the case as observables',
        description:
          'IP, domain/hostname, URL, MD5/SHA-1/SHA-256 (also `filename|hash`), e-mail and vulnerability attributes, of the event and its objects; a value the case already has is skipped. The TLP comes from the `tlp:` tag of the attribute, else of the event; AMBER without one.',
        params: IdParam,
        consumes: ['multipart/form-data'],
        response: { 201: MispImportResult },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const upload = await readUpload(req, () => assertMayImportMisp(db, actor, req.params.id));
      return reply.code(201).send(await importMisp(db, actor, req.params.id, upload));
    },
  );

  readinessRoutes(app, deps);
  publicIntakeRoutes(app, deps);
}

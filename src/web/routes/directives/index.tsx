import { Route, Routes, useLocation } from 'react-router-dom';
import { TasksPage } from './TasksPage.tsx';
import { DirectivePage } from './DirectivePage.tsx';
import { AssignmentPage } from './AssignmentPage.tsx';
import { RemindersPage } from './RemindersPage.tsx';
import { OutboxPage } from './OutboxPage.tsx';
import { ReportsPage } from './ReportsPage.tsx';
import { ReportPage } from './ReportPage.tsx';

/** Mounted at both /tasks/* and /reports/*: the same module owns the tasks and the reports built from them. */
export function DirectivesRoutes() {
  const reports = useLocation().pathname.startsWith('/reports');
  if (reports) {
    return (
      <Routes>
        <Route index element={<ReportsPage />} />
        <Route path=":id" element={<ReportPage />} />
        <Route path="*" element={<ReportsPage />} />
      </Routes>
    );
  }
  return (
    <Routes>
      <Route index element={<TasksPage />} />
      <Route path="directives/:id" element={<DirectivePage />} />
      <Route path="assignments/:id" element={<AssignmentPage />} />
      <Route path="reminders" element={<RemindersPage />} />
      <Route path="outbox" element={<OutboxPage />} />
      <Route path="*" element={<TasksPage />} />
    </Routes>
  );
}

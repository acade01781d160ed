import { useEffect } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { useMe } from './auth.ts';
import { setLocale } from './i18n/index.ts';
import { Loading, ErrorAlert } from './components/ui.tsx';
import { Shell } from './components/Shell.tsx';
import { LoginPage } from './routes/LoginPage.tsx';
import { OverviewPage } from './routes/OverviewPage.tsx';
import { AgenciesPage } from './routes/AgenciesPage.tsx';
import { SystemsPage } from './routes/SystemsPage.tsx';
import { SystemPage } from './routes/SystemPage.tsx';
import { DossierPage } from './routes/DossierPage.tsx';
import { ApprovalsPage } from './routes/ApprovalsPage.tsx';
import { UsersPage } from './routes/UsersPage.tsx';
import { AuditPage } from './routes/AuditPage.tsx';
import { LegalPage } from './routes/LegalPage.tsx';
import { AdminPage } from './routes/AdminPage.tsx';
import { AccountPage } from './routes/AccountPage.tsx';
import { IncidentsRoutes } from './routes/incidents/index.tsx';
import { PUBLIC_HOTLINE_PATH, PublicReportPage } from './routes/incidents/PublicReportPage.tsx';
import { WarningsRoutes } from './routes/warnings/index.tsx';
import { DirectivesRoutes } from './routes/directives/index.tsx';
import { IndicatorsRoutes } from './routes/indicators/index.tsx';

export function App() {
  const me = useMe();
  const location = useLocation();
  useEffect(() => { if (me.data) setLocale(me.data.locale); }, [me.data]);

  // The public incident hotline form needs no account.
  if (location.pathname === PUBLIC_HOTLINE_PATH) return <PublicReportPage />;

  if (me.isPending) return <Loading />;
  if (me.isError) return <ErrorAlert error={me.error} />;
  if (!me.data) return <LoginPage />;
  if (me.data.mustChangePassword) return <Shell><AccountPage /></Shell>;
  return (
    <Shell>
      <Routes>
        <Route path="/" element={<OverviewPage />} />
        <Route path="/agencies" element={<AgenciesPage />} />
        <Route path="/agencies/:id" element={<AgenciesPage />} />
        <Route path="/systems" element={<SystemsPage />} />
        <Route path="/systems/:id" element={<SystemPage />} />
        <Route path="/dossiers/:id" element={<DossierPage />} />
        <Route path="/approvals" element={<ApprovalsPage />} />
        <Route path="/incidents/*" element={<IncidentsRoutes />} />
        <Route path="/warnings/*" element={<WarningsRoutes />} />
        <Route path="/tasks/*" element={<DirectivesRoutes />} />
        <Route path="/reports/*" element={<DirectivesRoutes />} />
        <Route path="/indicators/*" element={<IndicatorsRoutes />} />
        <Route path="/admin" element={<AdminPage />} />
        <Route path="/admin/users" element={<UsersPage />} />
        <Route path="/admin/audit" element={<AuditPage />} />
        <Route path="/admin/legal" element={<LegalPage />} />
        <Route path="/account" element={<AccountPage />} />
        <Route path="*" element={<Navigate to="/" replace />} />
      </Routes>
    </Shell>
  );
}

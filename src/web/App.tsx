import { lazy, Suspense, useEffect, type ComponentType, type ReactNode } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { useMe } from './auth.ts';
import { setLocale } from './i18n/index.ts';
import { Loading, ErrorAlert } from './components/ui.tsx';
import { Shell } from './components/Shell.tsx';
import { LoginPage } from './routes/LoginPage.tsx';

/** A screen of a route group: the group's chunk loads on the first visit to any of its screens. */
const screen = <M,>(load: () => Promise<M>, pick: (m: M) => ComponentType) => lazy(async () => ({ default: pick(await load()) }));

const systems = () => import('./routes/systems.ts');
const admin = () => import('./routes/admin.ts');
const OverviewPage = screen(
  () => import('./routes/OverviewPage.tsx'),
  (m) => m.OverviewPage,
);
const AgenciesPage = screen(
  () => import('./routes/AgenciesPage.tsx'),
  (m) => m.AgenciesPage,
);
const AccountPage = screen(
  () => import('./routes/AccountPage.tsx'),
  (m) => m.AccountPage,
);
const SystemsPage = screen(systems, (m) => m.SystemsPage);
const SystemPage = screen(systems, (m) => m.SystemPage);
const DossierPage = screen(systems, (m) => m.DossierPage);
const ApprovalsPage = screen(systems, (m) => m.ApprovalsPage);
const AdminPage = screen(admin, (m) => m.AdminPage);
const UsersPage = screen(admin, (m) => m.UsersPage);
const AuditPage = screen(admin, (m) => m.AuditPage);
const LegalPage = screen(admin, (m) => m.LegalPage);
const YearlyReportPage = screen(
  () => import('./routes/YearlyReportPage.tsx'),
  (m) => m.YearlyReportPage,
);
const SignatureTokensPage = screen(
  () => import('./routes/SignatureTokensPage.tsx'),
  (m) => m.SignatureTokensPage,
);
const ParametersPage = screen(admin, (m) => m.ParametersPage);
const WebhooksPage = screen(admin, (m) => m.WebhooksPage);
const HuntsRoutes = screen(
  () => import('./routes/hunts/index.tsx'),
  (m) => m.HuntsRoutes,
);
const IncidentsRoutes = screen(
  () => import('./routes/incidents/index.tsx'),
  (m) => m.IncidentsRoutes,
);
const PublicReportPage = screen(
  () => import('./routes/incidents/PublicReportPage.tsx'),
  (m) => m.PublicReportPage,
);
const PublicContactsPage = screen(
  () => import('./routes/operators/PublicContactsPage.tsx'),
  (m) => m.PublicContactsPage,
);
const OperatorsRoutes = screen(
  () => import('./routes/operators/index.tsx'),
  (m) => m.OperatorsRoutes,
);
const WarningsRoutes = screen(
  () => import('./routes/warnings/index.tsx'),
  (m) => m.WarningsRoutes,
);
const DirectivesRoutes = screen(
  () => import('./routes/directives/index.tsx'),
  (m) => m.DirectivesRoutes,
);
const IndicatorsRoutes = screen(
  () => import('./routes/indicators/index.tsx'),
  (m) => m.IndicatorsRoutes,
);

/** Where the public hotline form lives; the app shows it without a sign-in. */
const PUBLIC_HOTLINE_PATH = '/incidents/hotline';
/** The public list of the operators' and security firms' contact points, also without a sign-in. */
const PUBLIC_CONTACTS_PATH = '/public/operator-contacts';

const Loaded = ({ children }: { children: ReactNode }) => <Suspense fallback={<Loading />}>{children}</Suspense>;

export function App() {
  const me = useMe();
  const location = useLocation();
  useEffect(() => {
    if (me.data) setLocale(me.data.locale);
  }, [me.data]);

  // The public incident hotline form needs no account.
  if (location.pathname === PUBLIC_HOTLINE_PATH)
    return (
      <Loaded>
        <PublicReportPage />
      </Loaded>
    );

  if (location.pathname === PUBLIC_CONTACTS_PATH)
    return (
      <Loaded>
        <PublicContactsPage />
      </Loaded>
    );

  if (me.isPending) return <Loading />;
  if (me.isError) return <ErrorAlert error={me.error} />;
  if (!me.data || me.data.signInStep === 'verify') return <LoginPage />;
  // A temporary password to change, or a second factor the role requires: only the account page until it is done.
  if (me.data.mustChangePassword || me.data.signInStep === 'enrol')
    return (
      <Shell>
        <Loaded>
          <AccountPage />
        </Loaded>
      </Shell>
    );
  return (
    <Shell>
      <Loaded>
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
          <Route path="/signature-tokens" element={<SignatureTokensPage />} />
          <Route path="/hunts/*" element={<HuntsRoutes />} />
          <Route path="/operators/*" element={<OperatorsRoutes />} />
          <Route path="/yearly-report" element={<YearlyReportPage />} />
          <Route path="/admin" element={<AdminPage />} />
          <Route path="/admin/users" element={<UsersPage />} />
          <Route path="/admin/audit" element={<AuditPage />} />
          <Route path="/admin/legal" element={<LegalPage />} />
          <Route path="/admin/parameters" element={<ParametersPage />} />
          <Route path="/admin/webhooks" element={<WebhooksPage />} />
          <Route path="/account" element={<AccountPage />} />
          <Route path="*" element={<Navigate to="/" replace />} />
        </Routes>
      </Loaded>
    </Shell>
  );
}

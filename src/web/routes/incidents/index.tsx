import { Stack, Tabs } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { IncidentsListPage } from './IncidentsListPage.tsx';
import { ReportPage } from './ReportPage.tsx';
import { IncidentPage } from './IncidentPage.tsx';
import { PlansPage } from './PlansPage.tsx';
import { ExercisesPage } from './ExercisesPage.tsx';
import { TeamPage } from './TeamPage.tsx';
import { PolicyPage } from './PolicyPage.tsx';

const SECTIONS = [
  { path: '/incidents', key: 'list' },
  { path: '/incidents/plans', key: 'plans' },
  { path: '/incidents/exercises', key: 'exercises' },
  { path: '/incidents/team', key: 'team' },
  { path: '/incidents/policy', key: 'policy' },
] as const;

/** The incidents screens: this module owns every path under its prefix. */
export function IncidentsRoutes() {
  const { t } = useTranslation();
  const location = useLocation();
  const navigate = useNavigate();
  const current = SECTIONS.slice(1).find((s) => location.pathname.startsWith(s.path))?.path ?? '/incidents';
  return (
    <Stack>
      <Tabs value={current} onChange={(v) => v && navigate(v)}>
        <Tabs.List>
          {SECTIONS.map((s) => (
            <Tabs.Tab key={s.key} value={s.path} data-testid={`incidents-nav-${s.key}`}>
              {t(`incidents.nav.${s.key}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      <Routes>
        <Route index element={<IncidentsListPage />} />
        <Route path="new" element={<ReportPage />} />
        <Route path="plans" element={<PlansPage />} />
        <Route path="exercises" element={<ExercisesPage />} />
        <Route path="team" element={<TeamPage />} />
        <Route path="policy" element={<PolicyPage />} />
        <Route path=":id" element={<IncidentPage />} />
      </Routes>
    </Stack>
  );
}

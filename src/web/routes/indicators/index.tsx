import { Navigate, Route, Routes } from 'react-router-dom';
import { AgencyIndicatorsPage } from './AgencyIndicatorsPage.tsx';

/** /indicators/:agencyId — an agency's quarterly report, budgets and console tokens; the dashboard itself is the overview page. */
export function IndicatorsRoutes() {
  return (
    <Routes>
      <Route path=":agencyId" element={<AgencyIndicatorsPage />} />
      <Route path="*" element={<Navigate to="/" replace />} />
    </Routes>
  );
}

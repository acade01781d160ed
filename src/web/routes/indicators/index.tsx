import { Navigate, Route, Routes } from 'react-router-dom';
import { AgencyIndicatorsPage } from './AgencyIndicatorsPage.tsx';
import { SocConnectionsPage } from './SocConnection.tsx';

/**
 * /indicators/:agencyId — an agency's quarterly report, its operations-centre link, budgets and console tokens;
 * /indicators/soc — the province's operations-centre links. The dashboard itself is the overview page.
 */
export function IndicatorsRoutes() {
  return (
    <Routes>
      <Route path="soc" element={<SocConnectionsPage />} />
      <Route path=":agencyId" element={<AgencyIndicatorsPage />} />
      <Route path="*" element={<Navigate to="/" replace />} />
    </Routes>
  );
}

import { Route, Routes } from 'react-router-dom';
import { Placeholder } from '../../components/ui.tsx';

/** The incidents screens: this module owns every path under its prefix. */
export function IncidentsRoutes() {
  return (
    <Routes>
      <Route path="*" element={<Placeholder />} />
    </Routes>
  );
}

import { Route, Routes } from 'react-router-dom';
import { Placeholder } from '../../components/ui.tsx';

/** The indicators screens: this module owns every path under its prefix. */
export function IndicatorsRoutes() {
  return (
    <Routes>
      <Route path="*" element={<Placeholder />} />
    </Routes>
  );
}

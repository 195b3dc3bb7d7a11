// ECharts is the page's largest chunk: the tables render at once and the charts follow when it has
// loaded, as the dashboard does (OverviewPage.tsx).
import { Skeleton } from 'antd';
import { lazy, Suspense } from 'react';
import type { ChartOption } from '../../components/EChart';

const EChart = lazy(() => import('../../components/EChart').then((m) => ({ default: m.EChart })));

export function LazyChart({ option, height = 260, testId }: { option: ChartOption; height?: number; testId: string }) {
  return (
    <Suspense fallback={<Skeleton.Node active style={{ width: '100%', height }} />}>
      <EChart option={option} height={height} testId={testId} />
    </Suspense>
  );
}

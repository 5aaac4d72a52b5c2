import { useApiQuery } from '../../state/use-api-query';

/** A chart drawn by main (the same drawing goes into the Word pack), with its figures in words as the alt text. */
export function MetricChart({ metricId, breakdown }: { metricId: string; breakdown: string | undefined }) {
  const { data } = useApiQuery('metrics.chart', { metricId, ...(breakdown ? { breakdown } : {}) });
  if (!data) return null;
  const src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(data.svg)}`;
  return (
    <figure className="chart">
      <img src={src} alt={data.altText} width={data.width} height={data.height} />
    </figure>
  );
}

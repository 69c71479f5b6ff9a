import { Col, Row, Statistic } from 'antd';
import type { IndicatorValues } from '@gridgov/common';
import { fmtCount, fmtRate } from '../components/format';
import { useIndicatorText } from '../components/indicatorText';

const KEYS = ['responseRate', 'resolutionRate', 'satisfactionRate', 'onTimeHandlingRate', 'casesReceived', 'casesClosed', 'overdueOpen'] as const;

/** The period's indicators for the whole unit, as a row of figures (names from the shared definitions). */
export function IndicatorSummary({ values, testId }: { values: IndicatorValues; testId?: string }) {
  const text = useIndicatorText();
  return (
    <Row gutter={[16, 12]} data-testid={testId}>
      {KEYS.map((k) => {
        const v = values[k];
        const isRate = k.endsWith('Rate');
        return (
          <Col key={k} xs={12} sm={8} md={6} xl={3}>
            <Statistic title={text(k).name} value={isRate ? fmtRate(v) : fmtCount(v)} styles={{ content: { fontSize: 20 } }} />
          </Col>
        );
      })}
    </Row>
  );
}

import { Card, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useScopeUnit } from '../useScope';
import { RulesTab } from './components/RulesTab';
import { LedgerTab } from './components/LedgerTab';
import { TotalsTab } from './components/TotalsTab';
import { RankingTab } from './components/RankingTab';

/** 积分管理: rules, a ledger where entries wait for approval, totals per organisation, rankings only where allowed. */
export default function PartyPointsPage() {
  const { t } = useTranslation('party');
  const [unitId] = useScopeUnit();
  return (
    <div className="gg-page">
      <Card>
        <Tabs
          items={[
            { key: 'ledger', label: t('points.tabLedger'), children: <LedgerTab unitId={unitId} /> },
            { key: 'rules', label: t('points.tabRules'), children: <RulesTab unitId={unitId} /> },
            { key: 'totals', label: t('points.tabTotals'), children: <TotalsTab unitId={unitId} /> },
            { key: 'ranking', label: t('points.tabRanking'), children: <RankingTab unitId={unitId} /> },
          ]}
        />
      </Card>
    </div>
  );
}

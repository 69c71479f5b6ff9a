import { Alert, Flex, Switch, Table, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../../api/client';
import { useCan, useMe } from '../../../../auth/useMe';
import { QueryError } from '../../../../components/QueryError';
import { usePartyErrorText as useErrorText } from '../../errors';
import { fetchRanking, fetchSettings, partyKeys, putSettings } from '../../api';

/**
 * Rankings are off unless the district turns them on: national rules on reducing grassroots burden forbid forced
 * point rankings, so the page explains why there is nothing to see rather than showing an empty table.
 */
export function RankingTab({ unitId }: { unitId?: string }) {
  const { t } = useTranslation('party');
  const can = useCan();
  const { data: me } = useMe();
  const errorText = useErrorText();
  const qc = useQueryClient();
  const settingsUnit = unitId ?? me?.homeUnitId ?? undefined;
  const settings = useQuery({ queryKey: partyKeys.settings(settingsUnit), queryFn: ({ signal }) => fetchSettings(settingsUnit, signal), enabled: Boolean(settingsUnit), retry: false });
  const ranking = useQuery({ queryKey: partyKeys.ranking(unitId), queryFn: ({ signal }) => fetchRanking(unitId, signal), retry: false });
  const toggle = useMutation({
    mutationFn: (on: boolean) => putSettings({ unitId: settingsUnit!, rankingsEnabled: on }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: partyKeys.all }),
  });
  const off = ranking.error instanceof ApiError && ranking.error.status === 403;

  return (
    <Flex vertical gap={12} data-testid="party-ranking">
      {can('party.manage') && settings.data && (
        <Flex gap={8} align="center">
          <Switch checked={settings.data.rankingsEnabled} loading={toggle.isPending} onChange={(v) => toggle.mutate(v)} data-testid="party-ranking-switch" />
          <Typography.Text>{t('points.rankingSwitch')}</Typography.Text>
        </Flex>
      )}
      {toggle.isError && <Alert type="error" showIcon title={errorText(toggle.error)} />}
      {off && <Alert type="info" showIcon title={t('points.rankingOff')} description={t('points.rankingWhy')} data-testid="party-ranking-off" />}
      {ranking.isError && !off && <QueryError error={ranking.error} onRetry={() => void ranking.refetch()} />}
      {ranking.data && (
        <>
          <Alert type="warning" showIcon title={t('points.rankingOn')} />
          <Table
            rowKey="memberId" size="middle" className="gg-hscroll" dataSource={ranking.data.items} pagination={{ pageSize: 20, hideOnSinglePage: true }}
            columns={[
              { title: t('points.col.rank'), dataIndex: 'rank', width: 60 },
              { title: t('points.col.member'), dataIndex: 'name', width: 100 },
              { title: t('orgs.name'), dataIndex: 'orgName', width: 200 },
              { title: t('points.col.points'), dataIndex: 'points', width: 80 },
            ]}
          />
        </>
      )}
    </Flex>
  );
}

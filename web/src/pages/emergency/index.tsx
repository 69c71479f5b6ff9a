import { useState } from 'react';
import { Button, Card, Flex, Tabs, Typography } from 'antd';
import { AlertOutlined } from '@ant-design/icons';
import { useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../auth/useMe';
import { EmergencyList } from './components/EmergencyList';
import { PlansPanel } from './components/PlansPanel';
import { DeclareModal } from './components/DeclareModal';

/** 应急指挥: active and past emergencies in scope, the plans (应急预案), and declaring a new emergency. */
export default function EmergencyPage() {
  const { t } = useTranslation('emergency');
  const { data: me } = useMe();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'active';
  const [declare, setDeclare] = useState<{ incidentType?: string } | null>(null);
  const canCommand = me?.permissions.includes('emergency.command') ?? false;

  return (
    <div className="gg-page" data-testid="emergency-page">
      <Flex align="center" justify="space-between" wrap gap={8} style={{ marginBottom: 12 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>{t('title')}</Typography.Title>
        {canCommand && (
          <Button type="primary" danger icon={<AlertOutlined />} onClick={() => setDeclare({})} data-testid="declare-open">
            {t('declare.open')}
          </Button>
        )}
      </Flex>
      <Card size="small">
        <Tabs
          activeKey={tab}
          onChange={(k) => setParams(k === 'active' ? {} : { tab: k })}
          items={[
            { key: 'active', label: t('list.active'), children: <EmergencyList state="active" /> },
            { key: 'ended', label: t('list.ended'), children: <EmergencyList state="ended" /> },
            { key: 'plans', label: t('plans.tab'), children: <PlansPanel onDeclare={canCommand ? (incidentType) => setDeclare({ incidentType }) : undefined} /> },
          ]}
        />
      </Card>
      {declare && (
        <DeclareModal
          incidentType={declare.incidentType}
          onClose={() => setDeclare(null)}
          onDone={(id) => {
            setDeclare(null);
            navigate(`/emergency/${id}`);
          }}
        />
      )}
    </div>
  );
}

import { Button } from 'antd';
import { AlertOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Cockpit } from '@gridgov/common';

const ROMAN: Record<string, string> = { 1: 'Ⅰ', 2: 'Ⅱ', 3: 'Ⅲ', 4: 'Ⅳ' };

/** In wartime the cockpit leads with the emergency board: every active emergency in scope, one click to /emergency. */
export function EmergencyPanel({ active }: { active: Cockpit['emergency']['active'] }) {
  const { t } = useTranslation('analytics');
  const navigate = useNavigate();
  return (
    <section
      data-testid="cockpit-emergency"
      style={{ background: 'linear-gradient(90deg, #5c0011, #a8071a)', border: '1px solid #ff4d4f', borderRadius: 6, padding: '10px 14px', display: 'flex', gap: 16, alignItems: 'center', flexWrap: 'wrap' }}
    >
      <AlertOutlined style={{ fontSize: 28, color: '#fff' }} />
      <div style={{ flex: 1, minWidth: 200 }}>
        <div style={{ fontSize: 18, fontWeight: 700, color: '#fff' }}>{t('emergency.title', { count: active.length })}</div>
        {active.map((e) => (
          <div key={e.id} style={{ color: '#ffd8d8' }} data-testid="cockpit-emergency-item">
            <b>{t('emergency.level', { level: ROMAN[e.level] ?? e.level })}</b> · {t(`incident.${e.incidentType}`, { defaultValue: e.incidentType })} · {e.title}
          </div>
        ))}
      </div>
      <Button size="large" onClick={() => navigate('/emergency')} data-testid="cockpit-emergency-open">{t('emergency.open')}</Button>
    </section>
  );
}

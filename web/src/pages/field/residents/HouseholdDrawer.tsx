import { useState } from 'react';
import { Alert, Button, Drawer, Segmented, Skeleton, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { PERSON_CATEGORY_LABELS } from '@gridgov/common';
import { fetchHousehold, fieldKeys } from '../api';
import type { BundleHousehold } from '../types';
import { VisitForm } from '../visit/VisitForm';

/** A household: members with masked ID and phone, then a visit or a report prefilled with its address. */
export function HouseholdDrawer({ household, onClose, onReport }: { household: BundleHousehold | null; onClose: () => void; onReport: (h: BundleHousehold) => void }) {
  const { t, i18n } = useTranslation('field');
  const en = i18n.language === 'en-US';
  const [mode, setMode] = useState<'members' | 'visit'>('members');
  const detail = useQuery({
    queryKey: fieldKeys.household(household?.id ?? ''),
    queryFn: ({ signal }) => fetchHousehold(household!.id, signal),
    enabled: Boolean(household),
    retry: false,
  });
  return (
    <Drawer open={Boolean(household)} onClose={() => { setMode('members'); onClose(); }} placement="bottom" size="large"
      title={household?.address} data-testid="household-drawer" destroyOnHidden>
      {household && (
        <>
          <Segmented block value={mode} onChange={(v) => setMode(v as 'members' | 'visit')} style={{ marginBottom: 12 }}
            options={[{ value: 'members', label: t('residents.people') }, { value: 'visit', label: t('visit.title') }]} data-testid="household-mode" />
          {mode === 'visit' ? <VisitForm household={household} onDone={() => setMode('members')} /> : (
            <>
              {detail.isPending && <Skeleton active />}
              {detail.isError && <Alert type="info" showIcon title={t('residents.offlineNames')} />}
              {detail.data?.members.map((m) => (
                <div className="gg-field-row" key={m.id} data-testid="household-member">
                  <div className="gg-field-row-main">
                    <div className="gg-field-row-title">
                      {m.name} {m.relationToHead && <Tag>{m.relationToHead}</Tag>}
                      <Tag color="blue">{PERSON_CATEGORY_LABELS[m.category]?.[en ? 'en' : 'zh'] ?? m.category}</Tag>
                    </div>
                    <div className="gg-field-row-sub">
                      {[m.age != null ? t('residents.age', { age: m.age }) : null, m.phone, m.idNumber].filter(Boolean).join(' · ')}
                    </div>
                  </div>
                </div>
              ))}
              <Button block type="primary" style={{ marginTop: 12 }} onClick={() => onReport(household)} data-testid="household-report">{t('residents.report')}</Button>
            </>
          )}
        </>
      )}
    </Drawer>
  );
}

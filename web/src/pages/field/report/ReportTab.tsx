import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { App, Button, Card, Input, Select, Space, Tag } from 'antd';
import { AimOutlined } from '@ant-design/icons';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { MAX_DESCRIPTION } from '@gridgov/common';
import { isLeaf, useCatalogue, type CategoryNode } from '../../cases/shared/useCatalogue';
import { saveDraft } from '../offline/drafts';
import type { DraftPhoto, ReportDraft } from '../offline/db';
import { usePosition } from '../geo';
import type { FieldBundle } from '../types';
import { PhotoCapture } from './PhotoCapture';
import { DraftList } from './DraftList';

const PinMap = lazy(() => import('./PinMap'));
const RECENT_KEY = 'gridgov.field.recentCategories';

function recent(): string[] {
  try { return JSON.parse(localStorage.getItem(RECENT_KEY) ?? '[]') as string[]; } catch { return []; }
}
function remember(code: string) {
  try { localStorage.setItem(RECENT_KEY, JSON.stringify([code, ...recent().filter((c) => c !== code)].slice(0, 6))); } catch { /* private mode */ }
}

/**
 * 随手拍 in three taps: a category (recent ones are one tap), the camera, send. The description starts as the
 * category's name, the position comes from GPS (drag the pin to correct it); a household picked in the residents
 * tab fills the address. Saved on the phone first, then sent (now or when the signal returns).
 */
export function ReportTab({ bundle, drafts, syncNow, userId }: { bundle?: FieldBundle; drafts: ReportDraft[]; syncNow: () => Promise<void>; userId: string }) {
  const { t, i18n } = useTranslation('field');
  const en = i18n.language === 'en-US';
  const { message } = App.useApp();
  const [params] = useSearchParams();
  const catalogue = useCatalogue();
  const { fix } = usePosition();
  const [category, setCategory] = useState<string | null>(null);
  const [description, setDescription] = useState('');
  const [photos, setPhotos] = useState<DraftPhoto[]>([]);
  const [point, setPoint] = useState<[number, number] | null>(null);
  const [moved, setMoved] = useState(false);
  const [address, setAddress] = useState('');
  const [saving, setSaving] = useState(false);
  const grid = bundle?.grids[0];

  const leaves = useMemo(() => {
    const out: { node: CategoryNode; group: string }[] = [];
    const walk = (ns: CategoryNode[], group: string) => ns.forEach((n) => {
      if (n.active === false) return;
      if (isLeaf(n)) out.push({ node: n, group });
      else walk(n.children ?? [], en ? n.nameEn || n.name : n.name);
    });
    walk(catalogue.data ?? [], '');
    return out;
  }, [catalogue.data, en]);
  const groups = useMemo(() => {
    const m = new Map<string, typeof leaves>();
    leaves.forEach((l) => m.set(l.group, [...(m.get(l.group) ?? []), l]));
    return [...m.entries()];
  }, [leaves]);
  const nameOf = (code: string) => {
    const n = catalogue.byCode.get(code);
    return n ? (en ? n.nameEn || n.name : n.name) : code;
  };

  // Prefill from a household (residents tab): its address and its building's position.
  const householdId = params.get('household');
  useEffect(() => {
    if (!householdId || !bundle) return;
    for (const g of bundle.grids) {
      const h = g.households.find((x) => x.id === householdId);
      if (!h) continue;
      setAddress(h.address);
      const b = g.buildings.find((x) => x.id === h.buildingId);
      if (b) { setPoint([b.lng, b.lat]); setMoved(true); }
    }
  }, [householdId, bundle]);

  // GPS puts the pin until the worker moves it.
  useEffect(() => {
    if (fix && !moved) setPoint([Number(fix.lng.toFixed(6)), Number(fix.lat.toFixed(6))]);
  }, [fix, moved]);

  const choose = (code: string) => {
    setCategory(code);
    if (!description.trim() || leaves.some((l) => (en ? l.node.nameEn || l.node.name : l.node.name) === description)) setDescription(nameOf(code));
  };

  const canSend = Boolean(category && description.trim() && point && Array.from(description).length <= MAX_DESCRIPTION);
  const send = async () => {
    if (!category || !point) return;
    setSaving(true);
    try {
      await saveDraft(userId, { category, categoryName: nameOf(category), description: description.trim(), lat: point[1], lng: point[0], address: address.trim() || undefined, photos });
      remember(category);
      setCategory(null);
      setDescription('');
      setPhotos([]);
      setMoved(false);
      setAddress('');
      void message.success(t('report.savedLocal'));
      window.scrollTo({ top: 0 });
      void syncNow();
    } catch (e) {
      void message.error((e as Error).message);
    } finally {
      setSaving(false);
    }
  };

  const recentCodes = recent().filter((c) => catalogue.byCode.has(c));
  const waiting = drafts.filter((d) => d.state !== 'sent');
  return (
    <>
      {/* Waiting and refused reports first: they need the worker's eye; sent ones are receipts below the form. */}
      <DraftList drafts={waiting} syncNow={syncNow} title={t('drafts.waiting')} />
      <Card size="small" className="gg-field-section" title={t('report.title')} data-testid="field-report">
        <Space direction="vertical" style={{ width: '100%' }} size={12}>
          <div>
            <div className="gg-field-row-sub" style={{ marginBottom: 6 }}>① {t('report.category')}</div>
            {recentCodes.length > 0 && (
              <div className="gg-field-chips" style={{ marginBottom: 8 }}>
                {recentCodes.map((c) => (
                  <Tag.CheckableTag key={c} checked={category === c} onChange={() => choose(c)}
                    style={{ padding: '4px 10px', fontSize: 14, border: `1px solid ${category === c ? 'transparent' : '#d9d9d9'}` }}>{nameOf(c)}</Tag.CheckableTag>
                ))}
              </div>
            )}
            <Select
              showSearch
              style={{ width: '100%' }}
              size="large"
              placeholder={t('report.categoryPlaceholder')}
              value={category ?? undefined}
              onChange={choose}
              loading={catalogue.isPending}
              optionFilterProp="label"
              options={groups.map(([group, ls]) => ({
                label: group || t('report.other'),
                title: group,
                options: ls.map((l) => ({ value: l.node.code, label: en ? l.node.nameEn || l.node.name : l.node.name })),
              }))}
              data-testid="field-report-category"
            />
          </div>
          <div>
            <div className="gg-field-row-sub" style={{ marginBottom: 6 }}>② {t('report.photos')}</div>
            <PhotoCapture value={photos} onChange={setPhotos} />
          </div>
          <div>
            <div className="gg-field-row-sub" style={{ marginBottom: 6 }}>{t('report.description')}</div>
            <Input.TextArea rows={3} value={description} onChange={(e) => setDescription(e.target.value)} maxLength={MAX_DESCRIPTION}
              placeholder={t('report.descriptionPlaceholder')} data-testid="field-report-description" />
          </div>
          <div>
            <div className="gg-field-row-sub" style={{ marginBottom: 6, display: 'flex', alignItems: 'center', gap: 8 }}>
              <span style={{ flex: 1 }}>{t('report.location')}</span>
              {fix && moved && <Button size="small" icon={<AimOutlined />} onClick={() => { setMoved(false); setPoint([fix.lng, fix.lat]); }}>{t('report.useGps')}</Button>}
            </div>
            <Suspense fallback={<div style={{ height: 220 }} />}>
              <PinMap point={point} area={grid?.boundary as never} onMove={(p) => { setPoint(p); setMoved(true); }} />
            </Suspense>
            <div className="gg-field-row-sub" style={{ marginTop: 4 }} data-testid="field-report-point">
              {point ? t('report.at', { lat: point[1].toFixed(5), lng: point[0].toFixed(5) }) + (fix && !moved ? ` · ±${Math.round(fix.accuracy)} m` : '') : t('report.waitingGps')}
            </div>
            <Input style={{ marginTop: 8 }} value={address} onChange={(e) => setAddress(e.target.value)} maxLength={300} placeholder={t('report.address')} data-testid="field-report-address" />
          </div>
          <Button type="primary" block className="gg-field-big" disabled={!canSend} loading={saving} onClick={() => void send()} data-testid="field-report-submit">
            ③ {t('report.send')}
          </Button>
        </Space>
      </Card>
      <DraftList drafts={drafts.filter((d) => d.state === 'sent')} syncNow={syncNow} title={t('drafts.title')} />
    </>
  );
}

import { useState } from 'react';
import { App, Button, Card, Input, Popconfirm, Tag } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { deleteDraft, updateDraft } from '../offline/drafts';
import type { ReportDraft } from '../offline/db';

const COLOURS: Record<ReportDraft['state'], string> = { queued: 'gold', sending: 'processing', error: 'error', sent: 'success' };

/** The phone's outbox: waiting, sending, refused (with the server's reason, fix and resend) and sent (case no.). */
export function DraftList({ drafts, syncNow, title }: { drafts: ReportDraft[]; syncNow: () => Promise<void>; title: string }) {
  if (drafts.length === 0) return null;
  return (
    <Card size="small" className="gg-field-section" title={title} data-testid="field-drafts">
      {drafts.map((d) => <DraftRow key={d.key} d={d} syncNow={syncNow} />)}
    </Card>
  );
}

function DraftRow({ d, syncNow }: { d: ReportDraft; syncNow: () => Promise<void> }) {
  const { t } = useTranslation('field');
  const { message } = App.useApp();
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(d.description);
  const resend = async () => {
    await updateDraft(d.key, { description: text });
    setEditing(false);
    void message.info(t('drafts.requeued'));
    void syncNow();
  };
  return (
    <div className="gg-field-row" data-testid="field-draft" data-state={d.state} data-key={d.key} style={{ alignItems: 'flex-start' }}>
      <div className="gg-field-row-main">
        <div className="gg-field-row-title">
          <Tag color={COLOURS[d.state]}>{t(`drafts.state.${d.state}`)}</Tag>
          {d.categoryName}
        </div>
        <div className="gg-field-row-sub">
          {new Date(d.createdAt).toLocaleString()} · {t('drafts.photos', { count: d.state === 'sent' ? 0 : d.photos.length })}
          {d.state === 'queued' && d.attempts > 0 ? ` · ${t('drafts.attempts', { count: d.attempts })}` : ''}
        </div>
        <div className="gg-field-row-sub" style={{ color: '#595959' }}>{d.description}</div>
        {d.result && (
          <div data-testid="field-draft-case">
            <Link to={`/cases/${d.result.id}`}>{t('drafts.case', { no: d.result.trackingNo })}</Link>
          </div>
        )}
        {d.error && <div style={{ color: '#cf1322' }} data-testid="field-draft-error">{t('drafts.refused', { status: d.error.status })}: {d.error.message}</div>}
        {editing && (
          <div style={{ marginTop: 6 }}>
            <Input.TextArea rows={3} value={text} onChange={(e) => setText(e.target.value)} />
            <Button type="primary" size="small" style={{ marginTop: 6 }} onClick={() => void resend()} data-testid="field-draft-resend">{t('drafts.resend')}</Button>
          </div>
        )}
      </div>
      {d.state === 'error' && !editing && <Button size="small" onClick={() => setEditing(true)}>{t('drafts.edit')}</Button>}
      {d.state !== 'sending' && (
        <Popconfirm title={d.state === 'sent' ? t('drafts.forget') : t('drafts.deleteConfirm')} onConfirm={() => void deleteDraft(d.key)}>
          <Button size="small" danger={d.state !== 'sent'} type="text">{t('drafts.delete')}</Button>
        </Popconfirm>
      )}
    </div>
  );
}

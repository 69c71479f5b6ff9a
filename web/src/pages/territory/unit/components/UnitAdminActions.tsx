import { useState } from 'react';
import { App, Button, Popconfirm } from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useCan } from '../../../../auth/useMe';
import { useErrorText } from '../../../../lib/errors';
import type { UnitDetail } from '../../types';
import { childKinds, retireUnit } from '../adminApi';
import { UnitEditModal } from './UnitEditModal';
import { AddChildModal } from './AddChildModal';

/** Edit / add sub-unit / retire, for territory.write. A retired (historic) unit is read-only. */
export function UnitAdminActions({ detail }: { detail: UnitDetail }) {
  const { t } = useTranslation('territory');
  const { t: tc } = useTranslation();
  const can = useCan();
  const { message, modal } = App.useApp();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [open, setOpen] = useState<'edit' | 'add' | null>(null);
  const { unit } = detail;
  const retire = useMutation({
    mutationFn: () => retireUnit(unit.id),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['territory'] });
      void message.success(t('admin.retired'));
      if (unit.parentId) void navigate(`/units/${unit.parentId}`);
    },
    // A 409 names what is still attached (sub-units, buildings, staff …): show it in full, not as a toast.
    onError: (e) => modal.error({ title: t('admin.retireFailed'), content: errorText(e) }),
  });

  if (!can('territory.write') || unit.validTo) return null;
  const canAdd = childKinds(unit.kind).length > 0;

  return (
    <>
      <Button icon={<EditOutlined />} onClick={() => setOpen('edit')} data-testid="unit-edit">{tc('action.edit')}</Button>
      {canAdd && <Button icon={<PlusOutlined />} onClick={() => setOpen('add')} data-testid="unit-add-child">{t('admin.addChild')}</Button>}
      <Popconfirm
        title={t('admin.retireConfirm')}
        description={t('admin.retireHint')}
        okText={t('admin.retire')}
        okButtonProps={{ danger: true }}
        cancelText={tc('action.cancel')}
        onConfirm={() => retire.mutate()}
      >
        <Button danger icon={<DeleteOutlined />} loading={retire.isPending} data-testid="unit-retire">{t('admin.retire')}</Button>
      </Popconfirm>
      <UnitEditModal detail={detail} open={open === 'edit'} onClose={() => setOpen(null)} />
      {canAdd && <AddChildModal detail={detail} open={open === 'add'} onClose={() => setOpen(null)} />}
    </>
  );
}

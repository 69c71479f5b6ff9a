import { useEffect } from 'react';
import { Alert, Form, Input, Modal, Select, Switch } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { USERNAME_PATTERN, type Role, type UserItem } from '@gridgov/common';
import { UnitTreeSelect } from '../../../../components/UnitTreeSelect';
import { useErrorText } from '../../../../lib/errors';
import { useEnumLabel, useRoleLabel, type RoleInfo } from '../../../../lib/labels';
import { createUser, fetchDepartments, updateUser, userKeys, type UserInput } from '../api';

interface Props {
  /** null = closed, 'new' = create, a user = edit. */
  target: UserItem | 'new' | null;
  roles: RoleInfo[];
  onClose: () => void;
  onCreated: (user: UserItem, password: string | undefined) => void;
}

type Values = Required<Pick<UserInput, 'displayName' | 'role'>> & UserInput;

export function UserFormModal({ target, roles, onClose, onCreated }: Props) {
  const { t } = useTranslation('users');
  const { t: tc } = useTranslation();
  const roleLabel = useRoleLabel();
  const enumLabel = useEnumLabel();
  const errorText = useErrorText();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const isNew = target === 'new';
  const role = Form.useWatch('role', form) as Role | undefined;
  const { i18n } = useTranslation();
  const departments = useQuery({
    queryKey: ['departments'],
    queryFn: ({ signal }) => fetchDepartments(signal),
    enabled: role === 'department_officer',
  });
  const info = roles.find((r) => r.role === role);
  const kinds = info?.homeUnitKinds ?? null;

  useEffect(() => {
    if (!target) return;
    form.resetFields();
    if (target !== 'new') {
      form.setFieldsValue({
        displayName: target.displayName, role: target.role, homeUnitId: target.homeUnitId,
        departmentId: target.departmentId, active: target.active,
      });
    }
  }, [target, form]);

  const save = useMutation({
    mutationFn: async (v: Values) => {
      const body: UserInput = {
        displayName: v.displayName.trim(), role: v.role,
        homeUnitId: v.role === 'resident' ? null : (v.homeUnitId ?? null),
        departmentId: v.role === 'department_officer' ? (v.departmentId?.toString().trim() || null) : null,
      };
      if (target === 'new') {
        return { created: await createUser({ ...body, username: v.username?.trim(), password: v.password || undefined }) };
      }
      return { updated: await updateUser(target!.id, { ...body, active: v.active }) };
    },
    onSuccess: (r) => {
      void qc.invalidateQueries({ queryKey: userKeys.all });
      if (r.created) onCreated(r.created, r.created.password);
      onClose();
    },
  });

  return (
    <Modal
      open={Boolean(target)}
      title={isNew ? t('form.createTitle') : t('form.editTitle')}
      onCancel={() => { save.reset(); onClose(); }}
      onOk={() => form.submit()}
      okText={tc('action.save')}
      confirmLoading={save.isPending}
      forceRender
    >
      {save.isError && <Alert type="error" showIcon title={errorText(save.error)} style={{ marginBottom: 12 }} />}
      <Form<Values> form={form} layout="vertical" onFinish={(v) => save.mutate(v)} initialValues={{ active: true }} autoComplete="off">
        {isNew && (
          <Form.Item name="username" label={t('form.username')} extra={t('form.usernameRule')} rules={[{ required: true, pattern: USERNAME_PATTERN, message: t('form.usernameRule') }]}>
            <Input autoComplete="off" data-testid="user-form-username" />
          </Form.Item>
        )}
        <Form.Item name="displayName" label={t('form.displayName')} rules={[{ required: true, whitespace: true, max: 64 }]}>
          <Input data-testid="user-form-display-name" />
        </Form.Item>
        <Form.Item name="role" label={t('form.role')} rules={[{ required: true }]}>
          <Select
            data-testid="user-form-role"
            options={roles.map((r) => ({ value: r.role, label: roleLabel(r.role) }))}
            onChange={() => form.setFieldValue('homeUnitId', undefined)}
          />
        </Form.Item>
        {role !== 'resident' && (
          <Form.Item
            name="homeUnitId"
            label={t('form.homeUnit')}
            extra={kinds && kinds.length ? t('form.homeUnitHint', { kinds: kinds.map((k) => enumLabel('kind', k)).join(' / ') }) : role === 'admin' ? t('form.homeUnitAny') : undefined}
            // Every staff role but a global administrator works inside a unit.
            rules={[{ required: Boolean(role) && role !== 'admin', message: t('form.homeUnitRequired') }]}
          >
            <UnitTreeSelect selectableKinds={kinds && kinds.length ? kinds : undefined} style={{ width: '100%' }} />
          </Form.Item>
        )}
        {role === 'department_officer' && (
          <Form.Item name="departmentId" label={t('form.department')} extra={t('form.departmentHint')} rules={[{ required: true }]}>
            <Select
              showSearch
              optionFilterProp="label"
              loading={departments.isLoading}
              options={(departments.data?.items ?? []).map((d) => ({
                value: d.id,
                label: `${i18n.language.startsWith('en') ? d.nameEn : d.nameZh} · ${d.unitName}`,
              }))}
            />
          </Form.Item>
        )}
        {isNew && (
          <Form.Item name="password" label={t('form.password')} extra={t('form.passwordHint')}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        )}
        {!isNew && (
          <Form.Item name="active" label={t('form.active')} valuePropName="checked">
            <Switch />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

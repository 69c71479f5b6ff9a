import { useCan } from '../../auth/useMe';
import { FieldDirectives } from '../emergency/FieldDirectives';

/**
 * The emergency directives card (我的指令, helper G's FieldDirectives) on the field home, in emergency mode only:
 * in peacetime there are no directives and the card would be one more empty box on a small screen.
 */
export function FieldExtras({ wartime }: { wartime: boolean }) {
  const can = useCan();
  if (!wartime || !can('emergency.respond')) return null;
  return <div className="gg-field-section"><FieldDirectives compact /></div>;
}

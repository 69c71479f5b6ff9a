/** Slot on the field home for the emergency directives card (helper G's FieldDirectives), mounted once it exists. */
export function FieldExtras() {
  return null;
}

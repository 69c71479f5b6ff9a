export default function Placeholder() {
  return <div className="gg-page" />;
}

export default function Page() { return <div className="gg-page">TODO</div>; }

export function App(): React.JSX.Element {
  return (
    <main>
      <h1>Lowkey Usage</h1>
      <p>Run `lowkey usage report` for figures; the desktop screens read the same rollups.</p>
    </main>
  )
}

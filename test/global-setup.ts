// Placeholder: replaced by the foundation's global setup (embedded engine + Redis checks).
export default async function setup(): Promise<void> {}

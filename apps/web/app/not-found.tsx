import Link from 'next/link';

export default function NotFound() {
  return (
    <section className="narrow">
      <h1>Not found</h1>
      <p>We couldn&apos;t find that page. It may have been removed, or the link may be wrong.</p>
      <p>
        <Link href="/">Browse tickets</Link>
      </p>
    </section>
  );
}

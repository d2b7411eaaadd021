import Link from 'next/link';
import type { CurrentUser } from '@/lib/types';
import { SignOut } from './SignOut';

interface NavItem {
  href: string;
  label: string;
}

const signedOutLinks: NavItem[] = [
  { href: '/auth/signup', label: 'Sign Up' },
  { href: '/auth/signin', label: 'Sign In' },
];

const signedInLinks: NavItem[] = [
  { href: '/tickets/new', label: 'Sell Tickets' },
  { href: '/orders', label: 'My Orders' },
  { href: '/payouts', label: 'Payouts' },
];

export function Header({ user }: { user: CurrentUser | null }) {
  const links = user ? signedInLinks : signedOutLinks;
  return (
    <header className="site-header">
      <div className="container header-inner">
        <Link href="/" className="brand">
          Ticketing
        </Link>
        <nav aria-label="Main">
          <ul className="nav-links">
            {links.map((link) => (
              <li key={link.href}>
                <Link href={link.href}>{link.label}</Link>
              </li>
            ))}
            {/* A button, not a link: sign-out is a POST the visitor asks for. */}
            {user && (
              <li>
                <SignOut nav />
              </li>
            )}
          </ul>
        </nav>
      </div>
    </header>
  );
}

import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // Don't advertise the framework in every response.
  poweredByHeader: false,
  reactStrictMode: true,
};

export default nextConfig;

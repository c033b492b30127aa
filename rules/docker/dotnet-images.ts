import type { FromInstruction } from '../../src/languages/dockerfile/model.js';

/*
 * Who Microsoft's .NET images (mcr.microsoft.com/dotnet/runtime-deps, runtime, aspnet, sdk) run as, known
 * from the tag. Their Linux images run as root: since .NET 8 they create a non-root `app` user, with its uid
 * in APP_UID, but do not switch to it, except the chiseled and distroless ones, which do. Their Windows images
 * (Nano Server, Server Core) are known by their tags as any Windows image is (windowsUserOf). A tag that names no operating system (`8.0`, `6.0.36`, `latest`) stands for one image
 * per platform: since .NET 8 only Linux ones ("multi-platform tags are Linux-only"), before it Nano Server ones
 * too, so what such an older tag runs as depends on the platform it is built for.
 */

export type DotnetUser =
  /** Runs as a non-root user without a USER instruction. */
  | { kind: 'non-root' }
  /** A Linux image, run as root; `appUser` when it has the `app` user to switch to. */
  | { kind: 'root'; appUser: boolean }
  /** Root when built for Linux, ContainerUser when built for Windows (Nano Server). */
  | { kind: 'per-platform' };

const DOTNET_REPOSITORY = /^dotnet\/(?:core\/|nightly\/)?(?:runtime-deps|runtime|aspnet|sdk)$/;
/** A tag of a version alone (`8.0`, `8.0.11`, `9.0-preview`, `10.0.100-rc.2`), or `latest`: no operating system named. */
const VERSION_ONLY = /^(?:\d+(?:\.\d+)*(?:-(?:preview|rc)(?:\.\d+)*)?|latest)$/;
const FIRST_APP_USER_VERSION = 8;

/** What a .NET base image of this FROM that is not known as a Windows one runs as; undefined for another image. */
export function dotnetUser(from: FromInstruction): DotnetUser | undefined {
  const image = from.image;
  if (image.registry !== 'mcr.microsoft.com' || !DOTNET_REPOSITORY.test(image.repository ?? '')) return undefined;
  const tag = image.tag ?? 'latest';
  if (/chiseled|distroless/.test(tag)) return { kind: 'non-root' };
  const major = /^\d+/.exec(tag);
  const appUser = major === null || Number(major[0]) >= FIRST_APP_USER_VERSION;
  const platform = from.flags.find((flag) => flag.name === 'platform')?.value ?? '';
  if (appUser || !VERSION_ONLY.test(tag) || platform.startsWith('linux/')) return { kind: 'root', appUser };
  return platform.startsWith('windows/') ? { kind: 'non-root' } : { kind: 'per-platform' };
}

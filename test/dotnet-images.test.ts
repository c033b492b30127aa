import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { repoPath, scanDirectory } from './helpers/scan.js';

// DKR003 on Microsoft's .NET images says what their tag tells: root with an `app` user to switch to since .NET 8,
// root only when built for Linux for an older tag that names no operating system.

async function dkr003Messages(fixture: string): Promise<string[]> {
  const directory = repoPath('fixtures/docker/DKR003');
  const result = await scanDirectory(directory, [repoPath('fixtures/docker/DKR003', fixture)]);
  return result.findings.filter((finding) => finding.ruleId === 'DKR003').map((finding) => finding.message);
}

test('a .NET 8 Linux image runs as root, and the advice is its own app user', async () => {
  const [message] = await dkr003Messages('dotnet-app-user.Dockerfile');
  assert.match(message ?? '', /runs as root: mcr\.microsoft\.com\/dotnet\/aspnet:8\.0 is a Linux image that creates a non-root `app` user but does not switch to it/);
  assert.match(message ?? '', /`USER \$APP_UID`/);
});

test('an older multi-platform .NET tag runs as root only when built for Linux', async () => {
  const [message] = await dkr003Messages('dotnet-multi-platform-linux.Dockerfile');
  assert.match(message ?? '', /built for Linux the service runs as root/);
  assert.match(message ?? '', /Nano Server one, which runs as ContainerUser/);
  assert.not.match(message ?? '', /APP_UID/);
});

test('on Windows the message names the container\'s administrator and the advice is ContainerUser', async () => {
  for (const fixture of ['windows-server-core.Dockerfile', 'windows-server-core-tag.Dockerfile', 'windows-container-administrator.Dockerfile']) {
    const [message] = await dkr003Messages(fixture);
    assert.match(message ?? '', /ContainerAdministrator\b.*container's administrator/, fixture);
    assert.match(message ?? '', /`USER ContainerUser`/, fixture);
    assert.not.match(message ?? '', /root/, fixture);
  }
});

test.run();

/**
 * Docker availability for integration tests: they skip with a visible reason
 * when no engine answers, and fail instead when VNODE_REQUIRE_DOCKER=1 (CI).
 */
import Docker from 'dockerode';

export const fixtureImage = process.env['VNODE_FIXTURE_IMAGE'] ?? 'vnode-fixture:latest';

export const docker = new Docker();

async function probe(): Promise<string | undefined> {
	try {
		await Promise.race([docker.ping(), new Promise((_, reject) => setTimeout(() => reject(new Error('ping timed out')), 3000))]);
	} catch (error) {
		return `no Docker engine reachable (${error instanceof Error ? error.message : String(error)})`;
	}

	try {
		await docker.getImage(fixtureImage).inspect();
	} catch {
		return `fixture image ${fixtureImage} missing: run 'bash test/fixtures/build-fixture-image.sh'`;
	}

	return undefined;
}

/** Why Docker tests cannot run here, or undefined when they can. */
export const dockerSkipReason = await probe();

export const dockerRequired = process.env['VNODE_REQUIRE_DOCKER'] === '1';

if (dockerSkipReason && dockerRequired) {
	throw new Error(`VNODE_REQUIRE_DOCKER=1 but ${dockerSkipReason}`);
}

/** Suite title that says why it was skipped. */
export function dockerTitle(title: string): string {
	return dockerSkipReason ? `${title} [skipped: ${dockerSkipReason}]` : title;
}

export async function removeNodeLeftovers(name: string): Promise<void> {
	const containers = await docker.listContainers({all: true, filters: {name: [`vantage6-${name}-`]}});
	await Promise.all(
		containers
			.filter(container => container.Names.some(containerName => containerName.startsWith(`/vantage6-${name}-`)))
			.map(async container => docker.getContainer(container.Id).remove({force: true}).catch(() => undefined)),
	);
	const {Volumes: volumes = []} = await docker.listVolumes();
	await Promise.all(
		volumes.filter(volume => volume.Name.startsWith(`vantage6-${name}-`)).map(async volume => docker.getVolume(volume.Name).remove().catch(() => undefined)),
	);
}

export async function nodeVolumes(name: string): Promise<string[]> {
	const {Volumes: volumes = []} = await docker.listVolumes();
	return volumes
		.map(volume => volume.Name)
		.filter(volumeName => volumeName.startsWith(`vantage6-${name}-`))
		.sort();
}

export async function containerNamed(name: string): Promise<Docker.ContainerInspectInfo | undefined> {
	try {
		return await docker.getContainer(name).inspect();
	} catch {
		return undefined;
	}
}

import { createRequire as __gitcanaryCreateRequire } from 'node:module';
const require = __gitcanaryCreateRequire(import.meta.url);

// src/forges/ci.ts
function ciJob(env = process.env) {
  if (env.GITLAB_CI === "true" && present(env.CI_JOB_URL)) return { provider: "gitlab", url: env.CI_JOB_URL };
  if (env.GITHUB_ACTIONS === "true" && present(env.GITHUB_SERVER_URL) && present(env.GITHUB_REPOSITORY) && present(env.GITHUB_RUN_ID)) {
    const server = env.GITHUB_SERVER_URL.replace(/\/+$/, "");
    return {
      provider: "github",
      url: `${server}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`
    };
  }
  return void 0;
}
function gitlabCiProject(env = process.env) {
  if (env.GITLAB_CI !== "true") return void 0;
  const project = present(env.CI_PROJECT_ID) ? env.CI_PROJECT_ID : env.CI_PROJECT_PATH;
  return {
    ...present(env.CI_API_V4_URL) ? { apiUrl: env.CI_API_V4_URL } : {},
    ...present(project) ? { project } : {}
  };
}
function present(value) {
  return value !== void 0 && value.trim() !== "";
}

export {
  ciJob,
  gitlabCiProject
};

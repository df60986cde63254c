# Copies the gateway's templates and assets and the NHS.UK frontend's built files into
# the web root. Run by the build (services/gateway/CMakeLists.txt) with NHSUK_DIST, SOURCE
# and WEB_ROOT set.
if(NOT EXISTS ${NHSUK_DIST}/nhsuk-frontend.min.css)
  message(FATAL_ERROR "The NHS.UK frontend is not installed (${NHSUK_DIST}): run `npm ci` "
                      "in the repository (make build, make run and make test do).")
endif()
file(REMOVE_RECURSE ${WEB_ROOT}/templates ${WEB_ROOT}/static)
file(MAKE_DIRECTORY ${WEB_ROOT}/templates ${WEB_ROOT}/static/assets/images)
file(GLOB templates ${SOURCE}/templates/*.mustache)
file(COPY ${templates} DESTINATION ${WEB_ROOT}/templates)
file(GLOB assets ${SOURCE}/assets/*)
file(COPY ${assets} DESTINATION ${WEB_ROOT}/static)
file(COPY ${NHSUK_DIST}/nhsuk-frontend.min.css ${NHSUK_DIST}/nhsuk-frontend.min.js
     DESTINATION ${WEB_ROOT}/static)
file(GLOB images ${NHSUK_DIST}/assets/images/*)
file(COPY ${images} DESTINATION ${WEB_ROOT}/static/assets/images)
file(TOUCH ${WEB_ROOT}/.stamp)

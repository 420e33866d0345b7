# Las palabras del sitio en español: español neutro de América Latina, palabras
# sencillas y "usted" (véase el glosario clínico). Cada clave de aquí está también
# en el catálogo inglés.

language-name = Español

## Todas las páginas

site-name = Buscador de Terapeutas Clínicos
site-description = Encuentre masajistas terapéuticos con licencia y formación clínica para el dolor de espalda, de cuello o de ciática, después de un breve control de seguridad que sabe cuándo consultar primero a un médico.
nav-skip = Ir al contenido
nav-label = Principal
nav-search = Buscar
nav-questionnaire = Cuestionario del dolor
nav-admin = Administración
nav-dashboard = Mi panel
nav-log-out = Cerrar sesión
nav-for-practitioners = Para profesionales
nav-language = Idioma
nav-signed-in = Sesión iniciada como { $email }
footer-notice = Este buscador no hace diagnósticos. En una emergencia, llame al número de emergencias de su zona.

## El cuestionario

q-title = Encuentre el tipo de ayuda adecuado
q-title-check = Revise sus respuestas
q-heading = Encuentre el tipo de ayuda adecuado para su dolor
q-intro = Una sola pantalla, menos de un minuto. Primero revisamos si hay señales de alarma y después le mostramos profesionales con licencia y formación para su tipo de dolor. Sus respuestas no se guardan.
q-check-answers = Revise las respuestas marcadas abajo.
q-which-place = ¿A qué lugar se refiere?
q-regions = 1. ¿Dónde le duele? (elija una o más zonas)
q-duration = 2. ¿Desde hace cuánto tiempo tiene el dolor?
q-pain = 3. ¿Cuánto le duele ahora? (0 = nada, 10 = el peor dolor imaginable)
q-choose = Elija…
q-age = 4. Su edad (opcional)
q-red-flags = 5. ¿Le pasa ahora alguna de estas cosas? (marque las que correspondan)
q-conditions = 6. ¿Tiene alguno de estos problemas de salud?
q-pressure = 7. La presión que prefiere
q-goal = 8. ¿Qué es lo que más desea?
q-where = 9. ¿Dónde está y hasta qué distancia está dispuesto(a) a ir?
q-submit = Ver mi resultado
near-label = Código postal, ciudad o coordenadas
near-placeholder = p. ej., 78701 o Austin, TX
near-locate = Usar mi ubicación
reach-within = Dentro de
reach-unit = Unidad
reach-by-place = según el lugar
unit-mi = millas
unit-km = km
answer-choose-offered = elija entre las respuestas ofrecidas
answer-regions = elija al menos una zona donde le duela
answer-duration = elija desde hace cuánto tiempo tiene el dolor
answer-pressure = elija una presión
answer-goal = elija lo que más desea
answer-age = elija un rango de edad, o prefiero no decirlo
answer-pain-range = debe ser un número entero del 0 al 10
answer-pain = indique su dolor del 0 al 10

## El resultado y los profesionales

verdict-urgent = Busque atención médica ahora
verdict-doctor = Consulte primero a un médico antes de reservar un masaje
verdict-postpone = Espere antes de reservar un masaje
verdict-cleared = Su médico le dio autorización: estos son los profesionales para usted
verdict-proceed = Estos son los profesionales que se ajustan a sus respuestas
verdict-urgent-body = Sus respuestas incluyen una señal de alarma que necesita un médico o atención de urgencia hoy mismo. No reserve un masaje. Vaya hoy a un centro de atención urgente o a una sala de emergencias.
verdict-urgent-call = Llame al 911
verdict-urgent-call-when = si los síntomas son graves o empeoran rápido (fuera de los Estados Unidos, llame al número de emergencias de su zona).
verdict-doctor-body = El masaje quizá le ayude más adelante, pero primero un médico debe revisar qué le causa el dolor.
verdict-postpone-body = Vuelva cuando esto haya sanado.
verdict-cleared-body = Lleve a su primera sesión lo que le indicó su médico y cuéntele al profesional lo que le dijo.
verdict-also = Dígale también al médico
verdict-open-note = Abrir una nota para llevar a su médico
verdict-cleared-button = Un médico me revisó y me dijo que el masaje está bien
precautions-heading = Precauciones
precautions-open-note = Abrir una nota para imprimir para su médico y su masajista
precaution-high-pain = Su dolor es de { $pain } sobre 10: primero van las técnicas suaves e indirectas (liberación miofascial, masaje sueco), y el masaje de tejido profundo queda más abajo.
matches-heading = Profesionales para usted cerca de { $place }
matches-ranked = Ordenados según cuánto se ajusta cada profesional a sus respuestas, a menos de { $radius } { $unit }.
matches-see-map = Verlos en el mapa.
matches-next-open = Próximo horario libre:
matches-why = Por qué se lo mostramos
matches-none = Ningún profesional a menos de { $radius } { $unit } de { $place } se ajusta a estas respuestas. Pruebe con una distancia mayor.
matches-map-what = profesionales, en orden
share-heading = Guardar o compartir este resultado
share-holds = Este enlace abre este resultado. Contiene sus respuestas: { $holds }. Cualquiera que tenga el enlace puede leerlas, y el navegador lo guarda en su historial; compártalo solo con personas de confianza.
share-link-label = Enlace a este resultado
share-not-in-address = Sus respuestas no están en la dirección de esta página, así que no quedan en el historial de su navegador. Un enlace a este resultado sí las contendría.
share-make-link = Crear un enlace para compartir este resultado
share-change-answers = Cambiar mis respuestas
holds-pain = dónde le duele, desde cuándo y cuánto
holds-red-flags = las señales de alarma que marcó
holds-conditions = los problemas de salud que marcó (como embarazo o medicamentos)
holds-age = su rango de edad
holds-cleared = que un médico le dio autorización
holds-rest = la presión y el objetivo que eligió, y el lugar cerca del que buscó
card-away = a { $distance }
card-badges = Distintivos
card-verified-licence = Licencia verificada
card-verified-licence-number = Licencia verificada { $licence }
card-licence-unverified = Licencia { $licence } sin verificar
card-accepting = Acepta clientes nuevos
card-demo = Perfil de demostración
card-set-aside = No es para usted por ahora: { $techniques }. Pida que no se use.

## La nota para la consulta

note-title = Su nota para la consulta
note-back = Volver a su resultado
note-heading = Nota para la consulta
note-print = Imprima esta página, o guárdela como PDF con la opción Imprimir de su navegador, y llévela con usted. Este sitio no guarda nada de lo que respondió.
note-intro-clearance = Me recomendaron consultar a un médico antes de reservar un masaje y preguntar si el masaje es seguro para mí.
note-intro-cleared = Un médico me dijo que el masaje está bien. Estas son las precauciones que siguen siendo necesarias.
note-intro-precautions = Estas precauciones se aplican a un masaje para mí.
note-answers = Mis respuestas
note-doctor-clearance = Para el médico: la autorización que solicito
note-doctor-questions = Preguntas para mi médico
note-doctor-advice = Indicaciones del médico:
note-therapist-after-doctor = Para el masajista, cuando un médico haya dicho que el masaje está bien
note-therapist = Para el masajista
note-none = Estas respuestas no necesitan nota: nada en ellas pide la autorización de un médico ni una precaución que comunicar.
note-q-where = Dónde me duele
note-q-how-long = Desde cuándo
note-q-pain = Dolor ahora
note-q-conditions = Problemas de salud
note-q-age = Edad
note-q-warning-signs = Señales de alarma
note-q-pressure = Presión preferida
note-pain-score = { $pain } sobre 10
note-no-conditions = Ninguno de los que se preguntan
note-ask-clearance = { $reason } ¿Es seguro para mí un masaje ahora, y hay alguna presión, zona o postura que deba evitarse?
note-ask-clearance-rule-out = { $reason } Por favor, descarte { $rule_out }. ¿Es seguro para mí un masaje ahora, y hay alguna presión, zona o postura que deba evitarse?
note-ask-condition = Tengo este problema de salud: { $condition }. ¿Hay alguna presión, zona o postura que un masajista deba evitar?
note-ask-high-pain = Mi dolor es de { $pain } sobre 10. ¿Es adecuado un masaje suave mientras el dolor sea tan fuerte?
note-tell-where = Dónde me duele: { $regions }; dolor de { $pain } sobre 10.
note-tell-doctor-said = Lo que dijo el médico sobre el masaje, y lo que hay que evitar.

## Cómo trabaja un profesional, y por qué se lo mostramos

list-and = { $first } y { $last }
approach-clinical = Enfoque clínico
approach-clinical-meaning = Trabaja sobre un dolor concreto: respondió que sí a por lo menos { $least } de las 5 preguntas de práctica clínica.
approach-mixed = Mixto: clínico y de relajación
approach-mixed-meaning = Ofrece algo de trabajo clínico además del masaje de relajación. Pregúntele cómo trataría su dolor.
approach-relaxation = Enfoque de relajación
approach-relaxation-meaning = Sobre todo masaje de relajación. Para un dolor concreto y duradero, es mejor empezar con un profesional de enfoque clínico.
approach-offers-none = No ofrece ninguna de las técnicas clínicas ({ $techniques })
approach-offers = Ofrece { $techniques }
approach-brief =
    { $yes } de 5 respuestas clínicas con sí · { $techniques ->
        [0] ninguna técnica clínica
        [one] 1 técnica clínica
       *[other] { $techniques } técnicas clínicas
    } · { $hours } horas de formación
approach-evidence-answers = Sí a { $yes } de las 5 preguntas de práctica clínica ({ $least } o más cuentan como clínico)
approach-evidence-hours-enough = { $hours } horas de formación registradas ({ $least } o más)
approach-evidence-hours-fewer = { $hours } horas de formación registradas (menos de { $least })
reason-fits = { $technique }, adecuado para { $region }
reason-goal = Ofrece { $technique }, que se ajusta a su objetivo
reason-focus = Se especializa en { $regions }
reason-licence =
    { $date ->
        [none] Licencia { $licence }, verificada
       *[other] Licencia { $licence }, verificada el { $date }
    }
reason-training = { $hours } horas de formación
reason-clinical-practice = Responde que sí a { $yes } de 5 preguntas de práctica clínica
reason-outcome = Informa un dolor mediano de { $before } → { $after } en { $count } sesiones
reason-accepting = Acepta clientes nuevos
reason-gentle = Ofrece técnicas suaves adecuadas para un dolor fuerte
reason-prenatal = Formación prenatal
reason-oncology = Formación en oncología
reason-distance = A { $distance }

## Técnicas y accesibilidad

modality-myofascial_release = Liberación miofascial
modality-trigger_point = Terapia de puntos gatillo
modality-swedish = Masaje sueco
modality-clinical = Masaje clínico (médico)
modality-deep_tissue = Masaje de tejido profundo
modality-sports = Masaje deportivo
modality-prenatal = Masaje prenatal
modality-oncology = Masaje oncológico
modality-shiatsu = Shiatsu
modality-thai = Masaje tailandés
modality-hot_stone = Masaje con piedras calientes
modality-lymphatic_drainage = Drenaje linfático
access-step_free = Entrada sin escalones
access-adjustable_table = Camilla de altura regulable
access-seated_or_side_lying = Trabajo sentado(a) o de lado
access-mobile_service = Servicio a domicilio
access-scent_free = Sala sin perfumes

## El mapa

map-title = Mapa de { $place }
map-description = Un mapa de la zona a menos de { $radius } { $unit } de { $place }.
map-caption-none = La cruz marca el lugar buscado.
map-caption-one = El marcador indica { $what }.
map-caption-many = Los números coinciden con la lista. La cruz marca el lugar buscado; los marcadores están a su distancia y en su dirección reales.
map-pins =
    { $count ->
        [one] Un marcador indica { $what }.
       *[other] { $count } marcadores numerados para { $what }, con los mismos números que la lista.
    }
map-nearby = Lugares cercanos: { $places }.
map-nearby-place = { $place } ({ $distance } al { $direction })
map-what-practice = el consultorio
map-what-practice-area = la zona del consultorio (el profesional muestra solo la ciudad)
map-what-results = los resultados de esta página
compass-north = norte
compass-north-east = noreste
compass-east = este
compass-south-east = sureste
compass-south = sur
compass-south-west = suroeste
compass-west = oeste
compass-north-west = noroeste

## Inicio y búsqueda

home-title = Encuentre un masajista terapéutico clínico
home-heading = Encuentre un masajista terapéutico clínico para el dolor de espalda, de cuello o de ciática
home-intro = Profesionales con licencia y horas reales de formación en liberación miofascial, puntos gatillo, masaje sueco y masaje clínico, no un menú de spa.
home-questionnaire = Responda 8 preguntas rápidas para un control de seguridad y ver profesionales para usted
home-search = Buscar cerca de usted
home-browse = Ver profesionales
search-title = Resultados de la búsqueda
search-heading = Encontrar un profesional
search-refine = Cambiar el lugar, la distancia o los filtros
search-results = Resultados
search-approach = Cómo trabaja
search-approach-any = Cualquier enfoque
search-approach-clinical = Solo enfoque clínico
search-approach-mixed = Enfoque clínico o mixto
search-order = Orden
search-order-nearest = Primero los más cercanos
search-order-clinical = Primero los más clínicos, luego los más cercanos
search-more-filters = Más filtros
search-more-filters-chosen =
    Más filtros ({ $count ->
        [one] 1 elegido
       *[other] { $count } elegidos
    })
search-text = Nombre, consultorio o ciudad (opcional)
search-techniques = Técnicas (cualquiera de ellas)
search-accessibility = Accesibilidad (todas ellas)
search-verified-only = Solo con licencia verificada
search-none = Ningún profesional coincide. Pruebe con una distancia mayor o menos filtros.
search-pages = Páginas
search-previous = Página anterior
search-next = Página siguiente
search-page-of = Página { $page } de { $pages }
search-summary-nearest =
    { $count ->
        [one] 1 profesional
       *[other] { $count } profesionales
    } a menos de { $radius } { $unit } de { $place }, primero los más cercanos.
search-summary-clinical =
    { $count ->
        [one] 1 profesional
       *[other] { $count } profesionales
    } a menos de { $radius } { $unit } de { $place }, primero los más clínicos y luego los más cercanos.
search-near-missing = Escriba un código postal, una ciudad (por ejemplo, "Austin, TX") o unas coordenadas.
search-not-a-choice = { $given } no es una de las opciones. Elija de la lista.
search-no-such-page = No hay una página { $given } de resultados. Las páginas van del 1 al { $last }.
search-past-end =
    { $pages ->
        [0] No hay página { $page }: esta búsqueda no encontró profesionales.
        [1] No hay página { $page }: los resultados caben en una página.
       *[other] No hay página { $page }: los resultados ocupan { $pages } páginas.
    }
search-first-page = Ir a la primera página
search-last-page = Ir a la última página
search-results-link = Ir a los resultados
place-missing = escriba un código postal, una ciudad (por ejemplo, "Austin, TX") o lat,lng
place-ambiguous = coincide con varios lugares: { $places }; agregue un estado o un país
place-near-miss = no encontramos { $given }; ¿quiso decir { $places }?
place-or = { " " }o{ " " }
place-unknown = no encontramos { $given }; pruebe con un código postal de 5 dígitos, "Ciudad, ST" o "Ciudad, código de país"
error-not-found = No se encontró la página
error-went-wrong = Algo salió mal
error-did-not-work = No se pudo completar
error-back = Volver a la búsqueda

## La API

api-invalid = Algunos parámetros no son válidos.

## Idiomas que se hablan

language-en = inglés
language-es = español
language-zh = chino
language-tl = tagalo
language-vi = vietnamita
language-ar = árabe
language-fr = francés
language-ko = coreano
language-ru = ruso
language-ht = criollo haitiano
language-pt = portugués
language-de = alemán
language-hi = hindi
language-it = italiano
language-pl = polaco
language-ja = japonés
search-language = Habla
search-language-any = Cualquier idioma
reason-language = Habla { $language }
q-language-unknown = Elija un idioma de la lista.

## La página del profesional

profile-og-description = { $kind } en { $place }
profile-demo = Este es un perfil de demostración, creado para mostrar cómo funciona el directorio. No es un profesional real.
profile-accepting = Acepta clientes nuevos
profile-not-accepting = No acepta clientes nuevos
profile-availability-unknown = Disponibilidad no confirmada recientemente
profile-choose-time = Elegir un horario
profile-call = Llamar
profile-directions = Cómo llegar
profile-approach-heading = Cómo trabaja este profesional
profile-approach-rule = Se calcula con una sola regla a partir de las respuestas del profesional que aparecen abajo, sus técnicas y su registro de formación; nunca se marca a mano. «Enfoque clínico» requiere al menos 3 respuestas afirmativas y 5 de estos 7 puntos: cada sí, cualquier técnica clínica y 500 horas o más de formación.
profile-open-times = Horarios libres
profile-open-intro = Sesiones de { $lengths }. Los horarios siguen el reloj del consultorio: { $zone }. Del { $first } al { $last }:
form-leave-empty = Deje esto vacío
profile-length = Duración
profile-minutes = { $minutes } minutos
form-your-name = Su nombre
form-your-email = Su correo electrónico
profile-booking-note = Nota (opcional; aquí no hace falta ningún dato de salud)
profile-request-time = Pedir este horario
profile-booking-how = Le enviamos un enlace por correo para confirmar. Una vez que confirme, el horario queda reservado para usted durante 24 horas mientras el profesional responde.
profile-no-open-times = No hay horarios libres en estos días.
profile-earlier = Horarios anteriores
profile-later = Horarios posteriores
profile-about = Acerca de
profile-address = Dirección
profile-phone = Teléfono
profile-email = Correo electrónico
profile-languages = Idiomas
profile-website = Sitio web
profile-price = Precio
profile-licence = Licencia
profile-number = Número
profile-state = Estado
profile-kind = Tipo
profile-expires = Vence
profile-no-expiry = Sin fecha de vencimiento
profile-verified = Verificada
profile-not-verified = No verificada por el directorio
profile-board = Junta
profile-not-on-file = No consta
profile-check-licence = Consultar esta licencia en el buscador de la propia junta
profile-no-lookup = El directorio no tiene la dirección del buscador público de esta junta.
profile-no-licence = No hay licencia registrada.
profile-where = Dónde
profile-training = Formación: { $hours } horas
profile-ledger = Registro de formación
profile-course = Curso
profile-provider = Centro
profile-technique = Técnica
profile-hours = Horas
profile-completed = Terminado
profile-general = General
profile-techniques-heading = Técnicas y enfoque
profile-techniques = Técnicas:
profile-focus = Enfoque:
profile-clinical = Práctica clínica
profile-outcomes = Resultados informados
profile-outcomes-text = Dolor mediano { $before } → { $after } de 10 en { $count } sesiones, según informa el profesional.
profile-client-heading = Lo que informaron los clientes
profile-client-intro = Informado por los propios clientes después de visitas reservadas aquí, aparte de las cifras del profesional. Una zona aparece cuando 10 clientes han informado sobre ella.
profile-client-region = { $region }: { $count } informes; el dolor mediano bajó { $change } puntos de 10; el { $percent } % volvería.
profile-answered = El profesional respondió:
profile-request = Pedir una cita
profile-message = Mensaje (cuándo le conviene y en qué le gustaría recibir ayuda)
profile-send-request = Enviar la solicitud
profile-report-heading = Avisar de información desactualizada o incorrecta
profile-report-what = ¿Qué está mal?
profile-report-contact = Su correo o teléfono (opcional, si podemos consultarle)
profile-send-report = Enviar el aviso

## Días y horas

weekday-0 = lunes
weekday-short-0 = lun
weekday-1 = martes
weekday-short-1 = mar
weekday-2 = miércoles
weekday-short-2 = mié
weekday-3 = jueves
weekday-short-3 = jue
weekday-4 = viernes
weekday-short-4 = vie
weekday-5 = sábado
weekday-short-5 = sáb
weekday-6 = domingo
weekday-short-6 = dom
month-1 = enero
month-short-1 = ene
month-2 = febrero
month-short-2 = feb
month-3 = marzo
month-short-3 = mar
month-4 = abril
month-short-4 = abr
month-5 = mayo
month-short-5 = may
month-6 = junio
month-short-6 = jun
month-7 = julio
month-short-7 = jul
month-8 = agosto
month-short-8 = ago
month-9 = septiembre
month-short-9 = sep
month-10 = octubre
month-short-10 = oct
month-11 = noviembre
month-short-11 = nov
month-12 = diciembre
month-short-12 = dic
date-long = { $weekday }, { $day } de { $month }
date-short = { $weekday } { $day } { $month }
list-or = { $first } o { $last }
minutes-long = { $list } minutos
minutes-short = { $list } min
day-today = hoy
day-tomorrow = mañana
next-open-label = { $day } { $time } { $zone }
profile-date-unread = No pudimos leer esa fecha; estos son los próximos días.
practice-clinic = Consultorio
practice-home_based = Consulta en casa
practice-mobile = Móvil (va a su domicilio)
practice-spa = Spa
profile-cp-whole-session = Dedica toda la sesión a una zona, como la parte baja de la espalda, las caderas y los muslos
profile-cp-myofascial = Usa técnicas miofasciales
profile-cp-posture = Evalúa la postura y explica los desequilibrios posturales
profile-cp-referral = Trabaja el dolor referido, como caderas que causan dolor en la parte baja de la espalda
profile-cp-minimal-oil = Trabaja casi sin aceite y lo usa solo al final
profile-yes = Sí
profile-no = No
profile-not-answered = Sin respuesta
profile-verified-roster = cotejada con la lista publicada por la junta estatal
profile-verified-lookup = comprobada por un administrador en el buscador de la propia junta
profile-verified-document = comprobada por un administrador que vio el documento de la licencia
profile-verified-admin = comprobada por un administrador
profile-verified-on = El { $date }, { $how }
profile-kind-board = Certificación de junta
profile-kind-state = Licencia estatal
profile-standing-until = Verificada y vigente hasta el { $date }
profile-standing-current = Verificada y vigente
profile-standing-pending = Aún no verificada: el directorio todavía no ha comprobado esta licencia
profile-standing-expired-on = Venció el { $date }
profile-standing-expired = Vencida
profile-standing-rejected = No aceptada: el directorio no pudo verificar esta licencia
profile-price-range = { $low }–{ $high } { $currency } por 60 minutos
profile-request-sent = Su solicitud se envió. El profesional le responderá por correo electrónico.
profile-request-limit = Ha enviado varias solicitudes en poco tiempo. Vuelva a intentarlo dentro de una hora.
profile-report-thanks = Gracias. Los administradores del directorio revisarán este perfil.
profile-report-limit = Ha enviado varios avisos en poco tiempo. Vuelva a intentarlo dentro de una hora.
search-place-ambiguous = { $given } coincide con varios lugares. Elija uno abajo.
search-place-near-miss = No encontramos { $given }. ¿Quiso decir uno de los lugares de abajo?
search-place-unknown = No encontramos { $given }. Pruebe con un código postal de 5 dígitos o "Ciudad, ST".
search-correct-fields =
    { $count ->
        [one] Corrija el campo marcado abajo.
       *[other] Corrija los campos marcados abajo.
    }
reach-farthest = Lo más lejos que llega una búsqueda es { $radius } { $unit }.
error-no-page = No encontramos esa página.
error-no-practitioner = No hay ningún profesional en esta dirección.

## Correo a los clientes sobre sus visitas

date-moment = { $day }, a las { $time } { $zone }
mail-confirm-subject = Confirme su solicitud de visita
mail-confirm =
    Usted pidió una visita de { $minutes } minutos con { $name } el { $when }.
    
    Confirme su solicitud con este enlace dentro de 24 horas: { $link }
    
    Hasta que confirme, el horario no queda reservado y { $name } no ve la solicitud. Si usted no pidió esto, ignore este correo.
mail-held-subject = Su horario está reservado
mail-held =
    Su solicitud para el { $when } con { $name } está confirmada, y el horario queda reservado para usted hasta el { $until }. { $name } la aceptará, la rechazará o le propondrá otro horario, y en cualquier caso recibirá un correo.
    
    Para retirar la solicitud: { $link }
mail-booked-subject = Visita confirmada
mail-moved-subject = Visita cambiada de horario
mail-booked =
    Su visita de { $minutes } minutos con { $name } es el { $when }, en { $place }. La invitación va adjunta para su calendario.
    
    Para cancelar o cambiar la visita: { $link }
mail-cancelled-subject = Visita cancelada
mail-cancelled =
    { $name } canceló la visita del { $when }. Su calendario puede quitarla con la cancelación adjunta.
    
    Para buscar otro horario: { $profile }
mail-cancelled-by-you =
    Usted canceló la visita del { $when } con { $name }. Su calendario puede quitarla con la cancelación adjunta.
    
    Para buscar otro horario: { $profile }
mail-declined-subject = Su solicitud de visita
mail-declined = { $name } no puede atenderle el { $when }. Otros horarios libres: { $profile }#open-times
mail-proposed-subject = Le proponen otro horario
mail-proposed =
    { $name } no puede atenderle en el horario que pidió y le propone en su lugar el { $when }, por { $minutes } minutos. El horario queda reservado para usted durante 24 horas.
    
    Acéptelo o rechácelo aquí: { $link }
mail-lapsed-subject = Su solicitud venció
mail-lapsed = Su solicitud para el { $when } con { $name } no recibió respuesta en 24 horas, así que el horario ya no está reservado. Otros horarios libres: { $profile }#open-times
mail-ask-report-subject = ¿Cómo le fue en su visita?
mail-ask-report =
    ¿Cómo le fue en su visita con { $name } el { $when }?
    
    Cuente a otras personas con dolor qué hizo por usted: su dolor antes y ahora, y unas preguntas de sí o no. Toma un minuto, no necesita cuenta y en el perfil solo aparece como cifras y, si escribe uno, como un comentario con sus iniciales una vez que nuestros administradores lo aprueben. Si algo salió mal, puede decírselo en privado a nuestros administradores en la misma página.
    
    { $link }
    
    El enlace funciona durante 30 días.
mail-reminder-subject = Su visita de mañana
mail-reminder =
    Un recordatorio: su visita de { $minutes } minutos con { $name } es el { $when }, en { $place }.
    
    Para cancelarla o cambiarla, use el enlace del correo que confirmó la visita.

## La página de la visita

visit-heading = Su visita con { $name }
visit-standing = Estado
visit-confirm = Confirmar mi solicitud
visit-take = Aceptar este horario
visit-move-heading = Cambiar la visita de horario
visit-zone = Los horarios siguen el reloj del consultorio: { $zone }.
visit-choose-new = Elija un horario nuevo
visit-move = Cambiar a este horario
visit-no-times = No hay otros horarios libres en las próximas dos semanas.
visit-their-page = La página de { $name }
visit-check-email = Revise su correo
visit-check-email-text = Enviamos un enlace a { $email }. Ábralo dentro de 24 horas para confirmar su solicitud; solo entonces el horario queda reservado para usted y se envía a { $name }.
visit-back = Volver a la página del profesional
visit-unconfirmed = Aún no confirmada: el horario no queda reservado hasta que confirme.
visit-proposed = { $name } le propone este horario en lugar del que pidió. Queda reservado para usted hasta el { $until }.
visit-held = Reservado para usted hasta el { $until }, a la espera de la respuesta de { $name }.
visit-booked = Reservada.
visit-past = La hora de esta visita ya pasó.
visit-declined = El profesional la rechazó.
visit-cancelled = Cancelada.
visit-taken = La solicitud de otra persona para este horario se confirmó primero.
visit-lapsed = Ya no está reservado: la solicitud venció.
visit-title = Su visita
visit-cancel = Cancelar la visita
visit-decline = Rechazar este horario
visit-withdraw = Retirar la solicitud
visit-held-title = Su horario está reservado
visit-held-text = El { $when } queda reservado para usted hasta el { $until }. { $name } lo aceptará, lo rechazará o le propondrá otro horario, y en cualquier caso le escribiremos.
visit-taken-title = Ese horario ya se ocupó
visit-taken-text = La solicitud de otra persona para el { $when } se confirmó primero, así que no hay nada reservado para usted. Elija otro horario libre.
visit-choose-time = Elija uno de los horarios libres.
visit-choose-length = Elija una duración.
visit-booked-title = Su visita está reservada
visit-booked-text = Su visita es el { $when }. Le enviamos por correo la invitación para su calendario.
visit-moved-title = La visita cambió de horario
visit-moved-text = Ahora la visita es el { $when }. A los dos les enviamos por correo la invitación actualizada.
visit-cancelled-title = Cancelada
visit-cancelled-text = Está cancelada y el horario vuelve a estar libre. A los dos les enviamos un correo.
fields-invalid = Algunos campos no son válidos.
form-name-invalid = Escriba su nombre (hasta 100 caracteres).
form-email-invalid = Escriba una dirección de correo como nombre@ejemplo.com.
visit-note-too-long = La nota debe tener como máximo { $max } caracteres de texto.
visit-lengths-offered = Elija una de las duraciones ofrecidas: { $lengths } minutos.
visit-time-passed = Ese horario ya pasó. Elija uno de los horarios libres.
visit-time-not-open = Ese horario no está libre para { $minutes } minutos. Elija uno de los horarios libres.
visit-cannot-confirm = Esta solicitud ya no se puede confirmar. Vuelva a elegir un horario en la página del profesional.
visit-rate-limited = Ha pedido varios horarios en poco tiempo. Vuelva a intentarlo dentro de una hora.
visit-too-many-waiting = Ya tiene { $max } solicitudes en espera. Confirme o retire una, o espere una respuesta, antes de pedir otro horario.
visit-no-open-times = Este profesional no tiene horarios libres para elegir. Envíele un mensaje desde su página.
contact-message-invalid = Escriba un mensaje de hasta { $max } caracteres.

## El informe de la visita

report-yes = sí
report-no = no
report-sent-area = Zona tratada: { $area }
report-sent-pain = Dolor antes: { $before } de 10; dolor ahora: { $now } de 10
report-sent-pressure = Presión como la pidió: { $answer }
report-sent-consent = Le explicaron el consentimiento y cómo se cubre el cuerpo: { $answer }
report-sent-return = Volvería: { $answer }
report-board-of = La junta de licencias de { $state }
report-title = El informe de su visita
report-thanks = Gracias. Recibimos su informe.
report-deleted = Su informe se borró.
report-yours = Su informe
report-counts = Cuenta en la página de { $name } entre los informes de los propios clientes, sin su nombre. Puede borrarlo.
report-delete = Borrar mi informe
report-how = ¿Cómo le fue?
report-pain-before = Su dolor antes de la visita (0 = nada, 10 = el peor)
report-pain-now = Su dolor ahora
report-choose = Elija
report-area = La zona tratada
report-pressure = ¿La presión fue la que pidió?
report-consent = ¿Le explicaron el consentimiento y cómo se cubre el cuerpo?
report-return = ¿Volvería?
report-comment = Un comentario para otras personas con dolor (opcional, hasta { $max } caracteres; se muestra con sus iniciales cuando nuestros administradores lo aprueben)
report-send = Enviar mi informe
report-not-yet = Podrá informar sobre esta visita cuando haya tenido lugar.
report-safety-heading = ¿Algo salió mal?
report-safety-thanks = Gracias por contárnoslo. Nuestros administradores leen cada aviso como este; nunca se muestra en el sitio.
report-safety-intro = Si se sintió inseguro o se cruzó un límite, díganoslo en privado. Esto nunca aparece en el sitio.
report-what = Qué pasó
report-safety-send = Enviar en privado a los administradores
report-board = También puede presentar una queja ante la junta estatal que otorga licencias a los masajistas
report-danger = Si está en peligro, llame al 911.
